import { PACKAGE_STATUS_LABELS, type PackageView } from '../../../../core/run-status';
import { formatDuration } from '../../lib/run-format';
import { LogTail } from '../run-log/log-tail';
import type { RunGraphModel } from '../../lib/run-graph-model';
import type { ServerStatus } from '../../../../core/ipc/contract';
import { TemporalInspect } from './temporal-inspect';

export interface PackageDetailsProps {
  workflowId: string;
  name: string;
  pkg: PackageView | undefined;
  status: keyof typeof PACKAGE_STATUS_LABELS;
  model: RunGraphModel;
  now: number;
  onSelect: (name: string | null) => void;
  /** Where Temporal's tools can show the child workflow. */
  server?: ServerStatus | null;
  /** Retries this failed package and its dependents (absent: not possible now). */
  onRetry?: () => void;
  busy?: boolean;
}

/** One package: status, attempts, build time against the estimate, why it waits, its neighbours. */
export function PackageDetails({
  workflowId,
  name,
  pkg,
  status,
  model,
  now,
  onSelect,
  server = null,
  onRetry,
  busy = false,
}: PackageDetailsProps) {
  const deps = model.dependencies.get(name) ?? [];
  const dependents = model.dependents.get(name) ?? [];
  const elapsed = status === 'building' && pkg?.startedAt ? now - Date.parse(pkg.startedAt) : undefined;
  const link = (n: string) => (
    <li key={n}>
      <button type="button" className="link-button" onClick={() => onSelect(n)}>
        {n}
      </button>
    </li>
  );
  return (
    <section className="card package-details" aria-label={`Package ${name}`} data-testid="package-details">
      <div className="card__header">
        <h2>{name}</h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onSelect(null)}
          aria-label="Close details"
        >
          ✕
        </button>
      </div>
      <dl className="run-facts">
        <dt>Status</dt>
        <dd>
          <span className={`status-chip status--${status}`} data-testid="details-status">
            {PACKAGE_STATUS_LABELS[status]}
          </span>
        </dd>
        {pkg?.attempt !== undefined ? (
          <>
            <dt>Attempt</dt>
            <dd>{pkg.attempt}</dd>
          </>
        ) : null}
        <dt>Build time</dt>
        <dd>
          {pkg?.durationMs !== undefined
            ? formatDuration(pkg.durationMs)
            : elapsed !== undefined
              ? `${formatDuration(elapsed)} so far`
              : '—'}
          {pkg?.estimateMs !== undefined ? (
            <span className="muted"> · estimated {formatDuration(pkg.estimateMs)}</span>
          ) : null}
        </dd>
        {pkg?.blockedBy ? (
          <>
            <dt>Blocked by</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => onSelect(pkg.blockedBy!)}>
                {pkg.blockedBy}
              </button>
            </dd>
          </>
        ) : null}
        {pkg?.childWorkflowId ? (
          <>
            <dt>Child workflow</dt>
            <dd>
              <code>{pkg.childWorkflowId}</code>
              <div className="package-details__inspect">
                <TemporalInspect server={server} workflowId={pkg.childWorkflowId} />
              </div>
            </dd>
          </>
        ) : null}
      </dl>
      {pkg?.error ? <pre className="run-failure__error">{pkg.error}</pre> : null}
      {status === 'failed' && onRetry ? (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={onRetry}
          data-testid="details-retry-package"
        >
          Retry this package and its dependents
        </button>
      ) : null}
      <div className="package-details__links">
        <div>
          <h3>Depends on ({deps.length})</h3>
          <ul>{deps.map(link)}</ul>
        </div>
        <div>
          <h3>Needed by ({dependents.length})</h3>
          <ul>{dependents.map(link)}</ul>
        </div>
      </div>
      <h3>Build log{(pkg?.attempt ?? 1) > 1 ? ` (attempt ${pkg?.attempt})` : ''}</h3>
      {/* One log per attempt: a retry mounts a fresh tail of its own file. */}
      <LogTail
        key={`${name}#${pkg?.attempt ?? 1}`}
        workflowId={workflowId}
        packageName={name}
        attempt={pkg?.attempt ?? 1}
      />
    </section>
  );
}
