import { useEffect, useState } from 'react';
import type { RunRecord } from '../../../core/ipc/contract';
import { useApi } from '../api/api-context';
import { call, errorMessage } from '../api/calls';
import { ErrorMessage } from '../components/error-message';
import { formatDateTime } from '../lib/format';
import { useNavigate } from '../navigation';

/**
 * The page a run opens on: its record, kept live from `runs.changed`. The live dashboard (graph,
 * statuses, logs) is issue 9's; it fills this page.
 */
export function RunPage({ workflowId }: { workflowId: string }) {
  const api = useApi();
  const navigate = useNavigate();
  const [record, setRecord] = useState<RunRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call(api, 'runs.get', { workflowId }).then(
      (r) => live && setRecord(r),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    const off = api.on('runs.changed', (r) => {
      if (r.workflowId === workflowId) setRecord(r);
    });
    return () => {
      live = false;
      off();
    };
  }, [api, workflowId]);

  return (
    <div className="page">
      <section className="panel" aria-labelledby="run-title" data-testid="run-page">
        <div className="panel__header">
          <div>
            <h1 id="run-title">Run {record?.workflowType ?? ''}</h1>
            <p className="panel__subtitle">
              <code>{workflowId}</code>
            </p>
          </div>
          {record?.definitionId ? (
            <button
              type="button"
              className="button"
              onClick={() => navigate({ page: 'editor', id: record.definitionId! })}
            >
              Open the workflow
            </button>
          ) : null}
        </div>
        {error ? <ErrorMessage title="Could not load the run" message={error} /> : null}
        {record ? (
          <dl className="details">
            <dt>Status</dt>
            <dd>
              <span className={`badge badge--${record.status}`} data-testid="run-status">
                {record.status}
              </span>
            </dd>
            <dt>Definition</dt>
            <dd>
              version {record.definitionVersion ?? '?'} · task queue <code>{record.taskQueue}</code>
            </dd>
            <dt>Started</dt>
            <dd>{formatDateTime(record.startedAt)}</dd>
            <dt>Closed</dt>
            <dd>{record.closedAt ? formatDateTime(record.closedAt) : '—'}</dd>
          </dl>
        ) : !error ? (
          <p className="muted">Loading the run…</p>
        ) : null}
        <p className="muted">
          The live dependency graph, statuses and build logs of this run will appear here (run dashboard).
          Until then, the embedded server’s Temporal Web UI (see the server card on Workflows) shows its
          history.
        </p>
      </section>
    </div>
  );
}
