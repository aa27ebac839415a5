import type { RunRecord } from '../../../core/ipc/contract';
import type { RunSummary } from '../../../core/run-status';

/** What the run page's action bar offers for a run in its current state. */
export type RunActionId =
  | 'retryFailed' // in the retry window: the failed packages and what they block
  | 'finish' // in the retry window: end with the failures
  | 'retry' // after close: a new run seeded with the completed packages
  | 'runAgain' // after close: a new run with the same inputs, from scratch
  | 'editAndRunAgain' // after close: a new run with edited inputs / N
  | 'cancel';

export interface RunActionPlan {
  /** In display order; the first is the default (primary) button. */
  actions: RunActionId[];
}

/**
 * The buttons of a run and which is the default. After a failure the default retries the
 * failures — in the window, or as a seeded new run after close — never everything: a failed retry
 * of a retry gets the same default again.
 */
export function planRunActions(
  record: Pick<RunRecord, 'status'>,
  summary: Pick<RunSummary, 'phase'> | undefined,
  failedPackages: number,
): RunActionPlan {
  if (record.status === 'running') {
    return {
      actions: summary?.phase === 'awaiting-retry' ? ['retryFailed', 'finish', 'cancel'] : ['cancel'],
    };
  }
  if (record.status === 'continued_as_new') return { actions: [] };
  if (record.status === 'failed' || failedPackages > 0)
    return { actions: ['retry', 'editAndRunAgain', 'runAgain'] };
  // Stopped before the end (cancelled, terminated, timed out): resuming with what completed is offered too.
  if (record.status !== 'completed') return { actions: ['runAgain', 'retry', 'editAndRunAgain'] };
  return { actions: ['runAgain', 'editAndRunAgain'] };
}

/** Run inputs the app adds itself; "run again" starts from the user's own inputs only. */
const MACHINE_FIELDS = new Set(['seed', 'estimatedDurationsMs', 'resume']);

/** The user's inputs of a stored run (`summary.input`), without the fields the app adds. */
export function userInputsOf(record: Pick<RunRecord, 'summary'>): Record<string, unknown> {
  const input = (record.summary as { input?: unknown } | undefined)?.input;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return {};
  return Object.fromEntries(Object.entries(input).filter(([key]) => !MACHINE_FIELDS.has(key)));
}

/** The reason a closed run failed, as stored at its close (`summary.error`), if any. */
export function failureReasonOf(record: Pick<RunRecord, 'summary' | 'status'>): string | undefined {
  if (record.status === 'running' || record.status === 'completed') return undefined;
  const error = (record.summary as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' && error.trim() !== '' ? error : undefined;
}
