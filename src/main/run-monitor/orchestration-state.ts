import type { OrchestrationState } from '../../core/orchestration/orchestration-state';

/**
 * The answer of the `getOrchestrationState` query (declared once, in src/core/orchestration).
 * Read-only here: main never computes it, it asks the workflow.
 */
export type {
  ActivePackage,
  BlockedPackage,
  CompletedPackage,
  SkippedPackage,
  FailedPackage,
  OrchestrationPhase,
  OrchestrationState,
  OrchestrationTotals,
} from '../../core/orchestration/orchestration-state';

/** What changed between two states, by package name (published with every `runs.state` event). */
export interface StateDiff {
  phase?: OrchestrationState['phase'];
  started: string[];
  completed: string[];
  /** Packages whose child ran nothing (no such script). */
  skipped: string[];
  failed: string[];
  blocked: string[];
  /** Packages that left failed/blocked (a retry re-opened them). */
  reopened: string[];
}

/** True when `value` looks like an OrchestrationState (a workflow without the query answers otherwise). */
export function isOrchestrationState(value: unknown): value is OrchestrationState {
  const v = value as Partial<OrchestrationState> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.completed) &&
    Array.isArray(v.active) &&
    typeof v.totals === 'object'
  );
}

/** The diff from `before` (undefined: nothing known) to `after`; empty lists when nothing moved. */
export function diffStates(before: OrchestrationState | undefined, after: OrchestrationState): StateDiff {
  const names = (list: Array<{ name: string }> | undefined): Set<string> =>
    new Set((list ?? []).map((x) => x.name));
  const added = (a: Set<string>, b: Set<string>): string[] => [...b].filter((n) => !a.has(n));
  const prevFailed = names(before?.failed);
  const prevBlocked = names(before?.blocked);
  const nowFailed = names(after.failed);
  const nowBlocked = names(after.blocked);
  const diff: StateDiff = {
    started: added(
      new Set((before?.active ?? []).map((a) => a.childWorkflowId)),
      new Set(after.active.map((a) => a.childWorkflowId)),
    ).map((id) => after.active.find((a) => a.childWorkflowId === id)!.name),
    completed: added(names(before?.completed), names(after.completed)),
    skipped: added(names(before?.skipped), names(after.skipped)),
    failed: added(prevFailed, nowFailed),
    blocked: added(prevBlocked, nowBlocked),
    reopened: [...prevFailed, ...prevBlocked].filter((n) => !nowFailed.has(n) && !nowBlocked.has(n)),
  };
  if (before?.phase !== after.phase) diff.phase = after.phase;
  return diff;
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: StateDiff): boolean {
  return (
    diff.phase === undefined &&
    diff.started.length === 0 &&
    diff.completed.length === 0 &&
    diff.skipped.length === 0 &&
    diff.failed.length === 0 &&
    diff.blocked.length === 0 &&
    diff.reopened.length === 0
  );
}

/**
 * Whether `state` already lists the child `childWorkflowId` (running, or settled). The package loop
 * lists a child from its start command on, and its start changes nothing else the state shows: so
 * once an answer lists it, asking again on its ChildWorkflowExecutionStarted would get the same
 * answer.
 */
export function stateListsChild(
  state: OrchestrationState | undefined,
  childWorkflowId: string | undefined,
): boolean {
  if (state === undefined || childWorkflowId === undefined) return false;
  const lists = (packages: ReadonlyArray<{ childWorkflowId: string }> | undefined): boolean =>
    packages?.some((p) => p.childWorkflowId === childWorkflowId) ?? false;
  return lists(state.active) || lists(state.completed) || lists(state.skipped) || lists(state.failed);
}
