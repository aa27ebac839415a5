import type { ServerStatus } from '../../../core/ipc/contract';
import { formatDateTime, formatRelative } from '../lib/format';
import { ErrorMessage } from './error-message';
import { STATE_LABELS, STATE_TONES, badgeState } from './server-state';

export interface ServerStatusCardProps {
  status: ServerStatus | null;
  error: string | null;
  loading: boolean;
  onRefresh: () => void;
}

/** The Temporal server's details: state, mode, address, namespace, restarts and why it is not ready. */
export function ServerStatusCard({ status, error, loading, onRefresh }: ServerStatusCardProps) {
  const state = badgeState(status);
  return (
    <section className="card" aria-labelledby="server-card-title" data-testid="server-details">
      <div className="card__header">
        <h2 id="server-card-title">Temporal server</h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={onRefresh}
          disabled={loading}
        >
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && !status ? <ErrorMessage title="Could not read the server status" message={error} /> : null}
      {status ? (
        <>
          {status.message ? (
            <p className={`callout callout--${STATE_TONES[state]}`} data-testid="server-message">
              {status.message}
            </p>
          ) : null}
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <span className={`pill pill--${STATE_TONES[state]}`}>{STATE_LABELS[state]}</span>
            </dd>
            <dt>Mode</dt>
            <dd>{status.mode === 'embedded' ? 'Embedded dev server' : 'External server'}</dd>
            <dt>Address</dt>
            <dd>{status.address ? <code>{status.address}</code> : <span className="muted">—</span>}</dd>
            <dt>Namespace</dt>
            <dd>
              <code>{status.namespace}</code>
            </dd>
            <dt>Restarts</dt>
            <dd>{status.restarts}</dd>
            <dt>Since</dt>
            <dd>
              <time dateTime={status.since} title={formatDateTime(status.since)}>
                {formatRelative(status.since)}
              </time>
            </dd>
            {status.uiUrl ? (
              <>
                <dt>Web UI</dt>
                <dd>
                  <a href={status.uiUrl} target="_blank" rel="noreferrer noopener">
                    {status.uiUrl}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </>
      ) : !error ? (
        <p className="muted">Waiting for the server status…</p>
      ) : null}
    </section>
  );
}
