import type { RunAttempt } from '../../core/graph/run-summary';
import { isSkippedResult } from '../../core/orchestration/child-result';
import {
  CHILD_CLOSE_EVENTS,
  EventType,
  childWorkflowIdOf,
  completedChildResult,
  eventTime,
  type HistoryEventLike,
} from './history-events';

/**
 * The package attempts of a PackageBuilder run read from the parent's history — every child's
 * StartChildWorkflowExecutionInitiated and its close event, with their event times — as the input
 * of `summarizeRun` (core/graph/run-summary). The history is the only place with each child's start
 * and end, which the utilisation's max and p95 need; the orchestration state has durations only.
 *
 * `runs` is the continue-as-new chain oldest first (one history per run). Children are recognised
 * by the loop's id scheme `<parentWorkflowId>/<package>#<attempt>`; other children (a remediation's
 * `….remediation` among them) are ignored. A child still open at the end is `running`; one whose
 * start failed is a failed attempt of no time; a completed child whose result says it ran nothing
 * (no such script) is `skipped`.
 */
export function attemptsFromHistory(
  parentWorkflowId: string,
  runs: ReadonlyArray<readonly HistoryEventLike[]>,
): RunAttempt[] {
  const open = new Map<string, { name: string; attempt: number; startedAtMs: number }>();
  const attempts: RunAttempt[] = [];
  for (const events of runs) {
    for (const event of events) {
      const type = event.eventType ?? 0;
      const id =
        type === EventType.StartChildWorkflowExecutionInitiated ||
        type === EventType.StartChildWorkflowExecutionFailed ||
        CHILD_CLOSE_EVENTS.has(type)
          ? childWorkflowIdOf(event)
          : undefined;
      const child = id === undefined ? undefined : parseChildId(parentWorkflowId, id);
      if (id === undefined || child === undefined) continue;
      const at = eventTime(event)?.getTime();
      if (type === EventType.StartChildWorkflowExecutionInitiated) {
        if (at !== undefined) open.set(id, { ...child, startedAtMs: at });
        continue;
      }
      const started = open.get(id);
      open.delete(id);
      const outcome =
        type === EventType.ChildWorkflowExecutionCompleted
          ? completedResultSkipped(event)
            ? 'skipped'
            : 'completed'
          : type === EventType.ChildWorkflowExecutionCanceled
            ? 'cancelled'
            : 'failed';
      attempts.push({
        ...child,
        outcome,
        ...(started && { startedAtMs: started.startedAtMs }),
        ...(at !== undefined && { finishedAtMs: at }),
        ...(!started && at === undefined && { durationMs: 0 }),
      });
    }
  }
  for (const { name, attempt, startedAtMs } of open.values())
    attempts.push({ name, attempt, outcome: 'running', startedAtMs });
  return attempts;
}

/** True when a completed child's result says it built nothing; false when it cannot be read. */
function completedResultSkipped(event: HistoryEventLike): boolean {
  const result = completedChildResult(event);
  return result !== undefined && isSkippedResult(result);
}

/** `{name, attempt}` of a loop child id `<parent>/<package>#<attempt>`, or undefined for another child. */
export function parseChildId(
  parentWorkflowId: string,
  childId: string,
): { name: string; attempt: number } | undefined {
  const prefix = `${parentWorkflowId}/`;
  const hash = childId.lastIndexOf('#');
  if (!childId.startsWith(prefix) || hash <= prefix.length) return undefined;
  const attempt = Number(childId.slice(hash + 1));
  if (!Number.isInteger(attempt) || attempt < 1) return undefined;
  return { name: childId.slice(prefix.length, hash), attempt };
}
