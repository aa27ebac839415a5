import { buildTimeOfResult } from '../../core/run-status/child-build-time';
import type { BuildSpan } from '../../core/run-status';
import { parseChildId } from './history-attempts';
import {
  CHILD_CLOSE_EVENTS,
  EventType,
  childWorkflowIdOf,
  completedChildResult,
  eventTime,
  type HistoryEventLike,
} from './history-events';

/**
 * The build attempts of a run's packages, kept up to date from the parent's history as the
 * RunMonitor reads it, batch by batch (the whole history is never read again): each loop child's
 * StartChildWorkflowExecutionInitiated (a slot taken) and its close, with their event times. The
 * orchestration state knows durations only; the run charts need when each build ran.
 *
 * Children are recognised by the loop's id scheme `<parentWorkflowId>/<package>#<attempt>`, which
 * stays the same across continue-as-new, so one instance follows the whole chain.
 */
export class ChildBuilds {
  private readonly byPackage = new Map<string, BuildSpan[]>();
  /** The build's own time per completed child id, from its result (the parent's history holds it). */
  private readonly buildMsByChild = new Map<string, number>();

  constructor(private readonly parentWorkflowId: string) {}

  /** Folds a batch of history events in. Returns true when a package's builds changed. */
  apply(events: readonly HistoryEventLike[]): boolean {
    let changed = false;
    for (const event of events) {
      const type = event.eventType ?? 0;
      const isStart = type === EventType.StartChildWorkflowExecutionInitiated;
      const isEnd = type === EventType.StartChildWorkflowExecutionFailed || CHILD_CLOSE_EVENTS.has(type);
      if (!isStart && !isEnd) continue;
      const id = childWorkflowIdOf(event);
      const child = id === undefined ? undefined : parseChildId(this.parentWorkflowId, id);
      const at = eventTime(event)?.getTime();
      if (!child || at === undefined) continue;
      let list = this.byPackage.get(child.name);
      if (!list) this.byPackage.set(child.name, (list = []));
      const index = list.findIndex((b) => b.attempt === child.attempt);
      if (isStart) {
        if (index >= 0) continue; // seen already (a history read again after a reconnect)
        list.push({ attempt: child.attempt, startedAtMs: at, outcome: 'running' });
        list.sort((a, b) => a.attempt - b.attempt);
        changed = true;
        continue;
      }
      if (type === EventType.ChildWorkflowExecutionCompleted) {
        const buildMs = buildTimeOfResult(completedChildResult(event));
        if (buildMs !== undefined) this.buildMsByChild.set(id!, buildMs);
      }
      const outcome =
        type === EventType.ChildWorkflowExecutionCompleted
          ? 'completed'
          : type === EventType.ChildWorkflowExecutionCanceled
            ? 'cancelled'
            : 'failed';
      const started = index >= 0 ? list[index]! : undefined;
      if (started?.finishedAtMs !== undefined) continue;
      // A close whose start fell in a run of the chain this monitor did not read: no start time
      // is known, so the build is drawn from its close (of no length) rather than guessed.
      const span: BuildSpan = {
        attempt: child.attempt,
        startedAtMs: started?.startedAtMs ?? at,
        finishedAtMs: at,
        outcome,
      };
      if (index >= 0) list[index] = span;
      else {
        list.push(span);
        list.sort((a, b) => a.attempt - b.attempt);
      }
      changed = true;
    }
    return changed;
  }

  /** The build's own time (ms) of a completed child, when its result says (undefined otherwise). */
  buildMs(childWorkflowId: string): number | undefined {
    return this.buildMsByChild.get(childWorkflowId);
  }

  /** The builds per package, oldest attempt first (copy what you keep: they grow in place). */
  get(): ReadonlyMap<string, readonly BuildSpan[]> {
    return this.byPackage;
  }
}
