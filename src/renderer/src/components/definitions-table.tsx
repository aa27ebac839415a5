import type { DefinitionSummary } from '../../../core/ipc/contract';
import { formatDateTime, formatRelative } from '../lib/format';

export interface DefinitionsTableProps {
  items: DefinitionSummary[];
  /** Id of a row to highlight (e.g. the one just created). */
  highlightId?: string | null;
}

/** The stored workflow definitions: name, version, last update. */
export function DefinitionsTable({ items, highlightId }: DefinitionsTableProps) {
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
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.id}
            data-testid="definition-row"
            data-id={item.id}
            className={item.id === highlightId ? 'table__row--new' : undefined}
          >
            <th scope="row" className="table__name">
              {item.name}
            </th>
            <td className="table__num">v{item.version}</td>
            <td>
              <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)}>
                {formatRelative(item.updatedAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
