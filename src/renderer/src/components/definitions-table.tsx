import { useState } from 'react';
import type { DefinitionSummary, RunRecord } from '../../../core/ipc/contract';
import { formatDateTime, formatRelative } from '../lib/format';

export interface DefinitionsTableProps {
  items: DefinitionSummary[];
  /** Id of a row to highlight (e.g. the one just created). */
  highlightId?: string | null;
  /** The latest run of each definition, by definition id. */
  lastRuns?: ReadonlyMap<string, RunRecord>;
  onOpen?: (id: string) => void;
  onRename?: (id: string, name: string) => void;
  onDuplicate?: (id: string) => void;
  onDelete?: (item: DefinitionSummary) => void;
}

/** The stored workflow definitions: name, version, last update, last run, and their commands. */
export function DefinitionsTable({
  items,
  highlightId,
  lastRuns,
  onOpen,
  onRename,
  onDuplicate,
  onDelete,
}: DefinitionsTableProps) {
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  return (
    <table className="table" data-testid="definitions-list">
      <caption className="visually-hidden">Workflow definitions</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="table__num">
            Version
          </th>
          <th scope="col">Updated</th>
          <th scope="col">Last run</th>
          {onOpen ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const run = lastRuns?.get(item.id);
          return (
            <tr
              key={item.id}
              data-testid="definition-row"
              data-id={item.id}
              className={item.id === highlightId ? 'table__row--new' : undefined}
            >
              <th scope="row" className="table__name">
                {renaming?.id === item.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (renaming.name.trim()) onRename?.(item.id, renaming.name.trim());
                      setRenaming(null);
                    }}
                  >
                    <input
                      className="input input--small"
                      aria-label={`New name of ${item.name}`}
                      value={renaming.name}
                      autoFocus
                      onChange={(e) => setRenaming({ id: item.id, name: e.target.value })}
                      onBlur={() => setRenaming(null)}
                      onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                      data-testid="rename-input"
                    />
                  </form>
                ) : onOpen ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpen(item.id)}
                    data-testid="open-definition"
                  >
                    {item.name}
                  </button>
                ) : (
                  item.name
                )}
              </th>
              <td className="table__num">v{item.version}</td>
              <td>
                <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)}>
                  {formatRelative(item.updatedAt)}
                </time>
              </td>
              <td>
                {run ? (
                  <span title={formatDateTime(run.startedAt)}>
                    <span className={`badge badge--${run.status}`}>{run.status}</span>{' '}
                    {formatRelative(run.startedAt)}
                  </span>
                ) : (
                  <span className="muted">never</span>
                )}
              </td>
              {onOpen ? (
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setRenaming({ id: item.id, name: item.name })}
                    aria-label={`Rename ${item.name}`}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onDuplicate?.(item.id)}
                    aria-label={`Duplicate ${item.name}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => onDelete?.(item)}
                    aria-label={`Delete ${item.name}`}
                    data-testid="delete-definition"
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
