import './run-actions.css';
import { useState } from 'react';
import type { RunRecord } from '../../../../core/ipc/contract';
import type { RunSummary } from '../../../../core/run-status';
import { planRunActions, type RunActionId } from '../../lib/run-actions-model';
import type { RunAction, RunActionOptions } from '../../stores/run-view-store';
import { RunAgainDialog } from './run-again-dialog';

export interface RunActionsProps {
  record: RunRecord;
  summary: RunSummary | undefined;
  failed: number;
  /** Packages completed (or up to date): what a seeded new run reuses. */
  completed: number;
  busy: boolean;
  /** Runs an action; resolves to the reason it failed, or null. */
  onAction: (action: RunAction, options?: RunActionOptions) => Promise<string | null>;
}

/**
 * The run's actions (lib/run-actions-model.ts decides which and the default): Retry failed and
 * Finish in the retry window; after close, Retry failed as a new run seeded with the completed
 * packages, Run again (same inputs, from scratch) and Run again with edited settings; Cancel while
 * running. Retrying a single package is on the package's details and in the failure list.
 */
export function RunActions({ record, summary, failed, completed, busy, onAction }: RunActionsProps) {
  const [editing, setEditing] = useState(false);
  const { actions } = planRunActions(record, summary, failed);
  const failedRun = record.status === 'failed' || failed > 0;
  const buttons: Record<RunActionId, { label: string; run: () => void; danger?: boolean; testId: string }> = {
    retryFailed: { label: 'Retry failed', run: () => void onAction('retryFailed'), testId: 'retry-failed' },
    finish: { label: 'Finish with failures', run: () => void onAction('finish'), testId: 'finish-run' },
    retry: {
      label: failedRun ? 'Retry failed (new run)' : 'Resume (new run, completed kept)',
      run: () => void onAction('retry'),
      testId: 'retry-closed',
    },
    runAgain: {
      label: 'Run again',
      run: () => void onAction('retry', { reuseCompleted: false }),
      testId: 'run-again',
    },
    editAndRunAgain: {
      label: 'Run again with edits…',
      run: () => setEditing(true),
      testId: 'run-again-edit',
    },
    cancel: { label: 'Cancel run', run: () => void onAction('cancel'), danger: true, testId: 'cancel-run' },
  };
  return (
    <div className="run-actions" role="group" aria-label="Run actions">
      {actions.map((id, i) => {
        const b = buttons[id];
        const tone = b.danger ? ' button--danger' : i === 0 ? ' button--primary' : '';
        return (
          <button
            key={id}
            type="button"
            className={`button${tone}`}
            disabled={busy}
            onClick={b.run}
            data-testid={b.testId}
          >
            {b.label}
          </button>
        );
      })}
      {editing ? (
        <RunAgainDialog
          record={record}
          slots={summary?.concurrency.max ?? 1}
          completed={failedRun || record.status !== 'completed' ? completed : 0}
          onSubmit={(options) => onAction('retry', options)}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </div>
  );
}
