import type { RunRecord } from '../../../../core/ipc/contract';
import type { RunSummary } from '../../../../core/run-status';
import type { RunAction } from '../../stores/run-view-store';

export interface RunActionsProps {
  record: RunRecord;
  summary: RunSummary | undefined;
  failed: number;
  busy: boolean;
  onAction: (action: RunAction) => void;
}

/**
 * Retry failed (in the run's retry window: the failed and their dependents, completed kept; after
 * the run closed: a new run seeded with the completed packages), Finish, Cancel. The default button
 * after a failure retries the failures, never everything.
 */
export function RunActions({ record, summary, failed, busy, onAction }: RunActionsProps) {
  const running = record.status === 'running';
  const awaiting = running && summary?.phase === 'awaiting-retry';
  const closedWithFailures = !running && (record.status === 'failed' || failed > 0);
  return (
    <div className="run-actions" role="group" aria-label="Run actions">
      {awaiting ? (
        <>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => onAction('retryFailed')}
            data-testid="retry-failed"
          >
            Retry failed
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => onAction('finish')}
            data-testid="finish-run"
          >
            Finish with failures
          </button>
        </>
      ) : null}
      {closedWithFailures ? (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => onAction('retry')}
          data-testid="retry-closed"
        >
          Retry failed (new run)
        </button>
      ) : null}
      {running ? (
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => onAction('cancel')}
          data-testid="cancel-run"
        >
          Cancel run
        </button>
      ) : null}
    </div>
  );
}
