import { useEffect, useMemo, useState } from 'react';
import '../run-dashboard.css';
import { useStore } from 'zustand';
import { RUN_STATUS_LABELS } from '../lib/run-format';
import { useApi } from '../api/api-context';
import { EmptyState } from '../components/empty-state';
import { ErrorMessage } from '../components/error-message';
import { RunsTable } from '../components/run-list/runs-table';
import { filterRuns, type RunFilter } from '../lib/run-filter';
import { useNow } from '../lib/use-now';
import { useAppStore } from '../stores/store-context';
import { createRunsStore } from '../stores/runs-store';

const STATUSES = Object.keys(RUN_STATUS_LABELS) as Array<keyof typeof RUN_STATUS_LABELS>;

/** Every run this app knows of (this launch's and earlier ones'), live, newest first, filterable. */
export function RunsPage() {
  const api = useApi();
  const [store] = useState(() => createRunsStore(api));
  const { items, live, status, error } = useStore(store);
  const definitions = useAppStore((s) => s.definitions.items);
  const connected = useAppStore((s) => s.connection.state === 'open');
  const [filter, setFilter] = useState<RunFilter>({ status: 'all', text: '' });
  const anyRunning = items.some((r) => r.status === 'running');
  const now = useNow(1000, anyRunning);

  useEffect(() => store.getState().start(), [store]);
  // Events missed while disconnected are learned by reading the list again.
  useEffect(() => {
    if (connected && store.getState().status === 'error') void store.getState().load();
  }, [connected, store]);

  const names = useMemo(() => new Map(definitions.map((d) => [d.id, d.name])), [definitions]);
  const shown = useMemo(() => filterRuns(items, filter, names), [items, filter, names]);

  return (
    <div className="page page--wide">
      <section className="panel" aria-labelledby="runs-title" aria-busy={status === 'loading'}>
        <div className="panel__header">
          <div>
            <h1 id="runs-title">Runs</h1>
            <p className="panel__subtitle">
              Every run started from this app, newest first. Open one to watch it live.
            </p>
          </div>
          <div className="runs-filter" role="search">
            <input
              type="search"
              className="input"
              placeholder="Filter by workflow or id"
              aria-label="Filter runs"
              value={filter.text}
              onChange={(e) => setFilter({ ...filter, text: e.target.value })}
              data-testid="runs-filter-text"
            />
            <select
              className="input"
              aria-label="Status"
              value={filter.status}
              onChange={(e) => setFilter({ ...filter, status: e.target.value as RunFilter['status'] })}
              data-testid="runs-filter-status"
            >
              <option value="all">All statuses</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {RUN_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {status === 'error' && error ? (
          <ErrorMessage
            title="Could not load the runs"
            message={error}
            action={
              <button
                type="button"
                className="button button--small"
                onClick={() => void store.getState().load()}
              >
                Retry
              </button>
            }
          />
        ) : null}
        {shown.length > 0 ? (
          <RunsTable
            items={shown}
            live={live}
            names={names}
            now={now}
            height={Math.min(560, 44 * shown.length + 4)}
          />
        ) : status === 'ready' ? (
          <EmptyState
            title={items.length > 0 ? 'No run matches the filter' : 'No runs yet'}
            testId="runs-empty"
          >
            <p>
              Runs appear here as soon as they start — from a workflow's Run button or `workflow-builder run`.
            </p>
          </EmptyState>
        ) : (
          <p className="muted">Loading runs…</p>
        )}
      </section>
    </div>
  );
}
