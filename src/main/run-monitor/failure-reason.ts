import type { FailureLike, HistoryEventLike } from './history-events';

/** Deepest failure cause followed: a chain is short (workflow → activity/child → application). */
const MAX_CAUSES = 8;

/**
 * Why a run closed without completing, in one line, from its close event: the workflow failure's
 * message and those of its causes (`Activity task failed: <file>:3:1: invalid JSON …`), the
 * termination reason, or what a timeout or cancel means. Undefined for a completed run. This is
 * what every way of running shows — `run`, `build` and the app — so a cycle's path or the failed
 * packages with their errors are never hidden behind "run failed".
 */
export function failureReason(
  status: 'completed' | 'failed' | 'timed_out' | 'cancelled' | 'terminated' | 'continued_as_new',
  event: HistoryEventLike,
): string | undefined {
  switch (status) {
    case 'failed':
      return (
        failureChain(event.workflowExecutionFailedEventAttributes?.failure) ??
        'the workflow failed without a message'
      );
    case 'terminated': {
      const reason = event.workflowExecutionTerminatedEventAttributes?.reason?.trim();
      return reason ? `terminated: ${reason}` : 'terminated (no reason given)';
    }
    case 'timed_out':
      return 'the run exceeded its workflow execution timeout';
    case 'cancelled':
      return 'the run was cancelled';
    default:
      return undefined;
  }
}

/** The messages of a failure and its causes, joined by ": ", a message repeated by its cause said once. */
export function failureChain(failure: FailureLike | null | undefined): string | undefined {
  const parts: string[] = [];
  for (let f = failure, depth = 0; f && depth < MAX_CAUSES; f = f.cause, depth++) {
    const text = f.message?.trim();
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
  }
  return parts.length > 0 ? parts.join(': ') : undefined;
}
