import { useState } from 'react';
import type { CompletionEstimate } from '../../../../core/graph';
import { countStatuses, type RunView } from '../../../../core/run-status';
import { formatDuration } from '../../lib/run-format';

export interface StatusPanelProps {
  view: RunView;
  /** Packages in the graph (the view may not list them all yet). */
  total: number;
  eta: CompletionEstimate | null;
  /** Packages left on the live critical path. */
  criticalLeft: number;
  onSelect: (name: string) => void;
}

/** Totals, "building k of N", why the rest waits, critical-path progress, ETA and failures. */
export function StatusPanel({ view, total, eta, criticalLeft, onSelect }: StatusPanelProps) {
  const counts = countStatuses(view);
  const listed = Object.keys(view.packages).length;
  const pending = counts.pending + Math.max(0, total - listed);
  const done = counts.completed + counts['up-to-date'];
  const failures = Object.entries(view.packages).filter(([, p]) => p.status === 'failed');
  const stat = (label: string, value: number | string, testId: string, tone?: string) => (
    <div className={`run-stat ${tone ? `run-stat--${tone}` : ''}`} data-testid={testId}>
      <span className="run-stat__value">{value}</span>
      <span className="run-stat__label">{label}</span>
    </div>
  );
  return (
    <section className="card run-status-panel" aria-label="Run status" data-testid="status-panel">
      <p className="run-status-panel__building" data-testid="building-summary">
        Building <strong>{counts.building}</strong> of <strong>{view.summary.concurrency.max}</strong>
        <span className="muted">
          {' '}
          · {done} of {total} done
        </span>
      </p>
      <div className="run-stats">
        {stat('Total', total, 'stat-total')}
        {stat('Completed', done, 'stat-completed', 'ok')}
        {stat('In progress', counts.building, 'stat-building', 'busy')}
        {stat('Failed', counts.failed, 'stat-failed', counts.failed > 0 ? 'bad' : undefined)}
        {stat('Blocked', counts.blocked, 'stat-blocked', counts.blocked > 0 ? 'bad' : undefined)}
      </div>
      <dl className="run-facts">
        <dt>Waiting on dependencies</dt>
        <dd data-testid="waiting-deps">{pending}</dd>
        <dt>Waiting for a slot</dt>
        <dd data-testid="waiting-slot">{counts['waiting-for-slot'] + counts.ready}</dd>
        <dt>Critical path</dt>
        <dd>
          {criticalLeft > 0 ? `${criticalLeft} package${criticalLeft === 1 ? '' : 's'} left on it` : '—'}
        </dd>
        <dt>Estimated time left</dt>
        <dd data-testid="eta">
          {view.summary.phase === 'awaiting-retry' && !view.summary.closed
            ? 'waiting for Retry failed or Finish'
            : eta
              ? `${formatDuration(eta.remainingMs)} (at best ${formatDuration(eta.lowerBoundMs)})`
              : view.summary.closed || view.summary.phase === 'finished'
                ? 'finished'
                : '—'}
        </dd>
      </dl>
      {failures.length > 0 ? (
        <div className="run-failures" data-testid="failures">
          <h3>Failures</h3>
          {failures.map(([name, p]) => (
            <Failure key={name} name={name} error={p.error ?? ''} onSelect={onSelect} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function Failure({
  name,
  error,
  onSelect,
}: {
  name: string;
  error: string;
  onSelect: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="run-failure">
      <button
        type="button"
        className="run-failure__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'} <strong>{name}</strong>
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => onSelect(name)}>
        Show
      </button>
      {open ? <pre className="run-failure__error">{error || 'No message'}</pre> : null}
    </div>
  );
}
