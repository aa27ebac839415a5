import { useState } from 'react';
import type { RunRecord } from '../../../../core/ipc/contract';
import type { RunView } from '../../../../core/run-status';
import { failureReasonOf } from '../../lib/run-actions-model';

export interface RunFailureReasonProps {
  record: RunRecord;
  view: RunView | null;
  busy: boolean;
  /** Retries one failed package (in the window, or as a new seeded run after close). */
  onRetryPackage: ((name: string) => void) | undefined;
  onSelect: (name: string) => void;
}

/**
 * Why a run failed, in full: the reason the workflow closed with (a cycle's path, the summary of
 * failed packages, a timeout…) and each failed package with its error, expandable, and a button to
 * retry just that package and its dependents.
 */
export function RunFailureReason({ record, view, busy, onRetryPackage, onSelect }: RunFailureReasonProps) {
  const reason = failureReasonOf(record);
  const failed = view
    ? Object.entries(view.packages)
        .filter(([, p]) => p.status === 'failed')
        .map(([name, p]) => ({ name, error: p.error ?? '' }))
    : [];
  const waiting = record.status === 'running' && view?.summary.phase === 'awaiting-retry';
  if (!reason && !(failed.length > 0 && (waiting || record.status !== 'running'))) return null;
  return (
    <section className="card run-failure-reason" aria-label="Why the run failed" data-testid="failure-reason">
      <h2>{waiting ? 'Packages failed: the run waits for a retry' : 'Why this run failed'}</h2>
      {reason ? (
        <pre className="run-failure__error" data-testid="failure-message">
          {reason}
        </pre>
      ) : null}
      {failed.length > 0 ? (
        <ul className="run-failure-reason__list">
          {failed.map((f) => (
            <FailedPackage
              key={f.name}
              {...f}
              busy={busy}
              onRetry={onRetryPackage && (() => onRetryPackage(f.name))}
              onSelect={() => onSelect(f.name)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function FailedPackage(props: {
  name: string;
  error: string;
  busy: boolean;
  onRetry: (() => void) | undefined;
  onSelect: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li className="run-failure" data-testid={`failed-package-${props.name}`}>
      <button
        type="button"
        className="run-failure__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'} <strong>{props.name}</strong>
      </button>
      <button type="button" className="button button--ghost button--small" onClick={props.onSelect}>
        Show
      </button>
      {props.onRetry ? (
        <button
          type="button"
          className="button button--small"
          disabled={props.busy}
          onClick={props.onRetry}
          data-testid={`retry-package-${props.name}`}
        >
          Retry this package
        </button>
      ) : null}
      {open ? <pre className="run-failure__error">{props.error || 'No message'}</pre> : null}
    </li>
  );
}
