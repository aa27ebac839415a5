import type { Client } from '@temporalio/client';
import {
  CHILD_CLOSE_EVENTS,
  EventType,
  childWorkflowIdOf,
  type HistoryEventLike,
} from '../../../src/main/run-monitor/history-events';

/** Every run of a workflow's continue-as-new chain, oldest first, with its full history. */
export async function fetchChain(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<Array<{ runId: string; events: HistoryEventLike[] }>> {
  const chain: Array<{ runId: string; events: HistoryEventLike[] }> = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = (history.events ?? []) as HistoryEventLike[];
    chain.push({ runId, events });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return chain;
}

/**
 * The package of a loop child's id and whether it is a remediation child:
 * `<parentId>/<package>#<attempt>` builds, `<parentId>/<package>#<attempt>.remediation` remediates.
 */
export function loopChildOf(
  parentWorkflowId: string,
  childWorkflowId: string,
): { pkg: string; remediation: boolean } {
  return {
    pkg: packageOfChild(parentWorkflowId, childWorkflowId),
    remediation: /#\d+\.remediation$/.test(childWorkflowId),
  };
}

/** The package of a child workflow id `<parentId>/<package>#<attempt>` (or `….remediation`). */
export function packageOfChild(parentWorkflowId: string, childWorkflowId: string): string {
  const prefix = `${parentWorkflowId}/`;
  if (!childWorkflowId.startsWith(prefix))
    throw new Error(`child id ${childWorkflowId} does not start with ${prefix}`);
  const hash = childWorkflowId.lastIndexOf('#');
  if (hash < prefix.length) throw new Error(`child id ${childWorkflowId} has no #attempt`);
  return childWorkflowId.slice(prefix.length, hash);
}

export interface ExactlyNReport {
  checkpoints: number;
  /** Child starts whose dependencies were checked (every StartChildWorkflowExecutionInitiated). */
  startsChecked: number;
  /** Checkpoints during a continue-as-new drain (exempt from the rule). */
  drainCheckpoints: number;
  violations: string[];
  maxInFlight: number;
  /** Children started per run of the chain (remediation children included). */
  startsPerRun: number[];
  /** Remediation children started. */
  remediations: number;
  completed: string[];
  failed: string[];
}

// Events a workflow task's commands produce, written right after its WorkflowTaskCompleted.
const COMMAND_EVENTS: ReadonlySet<number> = new Set([
  EventType.ActivityTaskScheduled,
  15, // ActivityTaskCancelRequested
  17, // TimerStarted
  19, // TimerCanceled
  22, // RequestCancelExternalWorkflowExecutionInitiated
  25, // MarkerRecorded
  37, // SignalExternalWorkflowExecutionInitiated
  40, // UpsertWorkflowSearchAttributes
  44, // WorkflowPropertiesModified
  EventType.StartChildWorkflowExecutionInitiated,
  EventType.WorkflowExecutionCompleted,
  EventType.WorkflowExecutionFailed,
  EventType.WorkflowExecutionCanceled,
  EventType.WorkflowExecutionContinuedAsNew,
]);

/**
 * Why a package's child may not start yet: each dependency that has not completed, with where it
 * is (in flight, failed, or not started), or undefined when all completed.
 */
function missingDependencies(
  dependencies: readonly string[],
  completed: ReadonlySet<string>,
  inFlight: ReadonlySet<string>,
  failed: ReadonlySet<string>,
): string | undefined {
  const missing = dependencies
    .filter((d) => !completed.has(d))
    .map((d) => `${d} (${inFlight.has(d) ? 'in flight' : failed.has(d) ? 'failed' : 'not started'})`);
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/**
 * The "exactly N" rule and dependency order, checked from the parent's history alone (never from
 * its query).
 *
 * Dependency order: every StartChildWorkflowExecutionInitiated of a package comes after the
 * ChildWorkflowExecutionCompleted of every one of its dependencies, across the whole
 * continue-as-new chain (`options.seeded` names packages a retried run reused as completed
 * without building them). The count rule alone cannot see a run that starts `e` beside its
 * dependency `a` whenever as many other packages were ready.
 *
 * Nothing completed is built twice: a build child of a package that already completed (in this
 * chain, or seeded) is a violation. A failed package may be built again (a retry, or the rebuild
 * after a remediation child `…#<attempt>.remediation`, which holds the package's slot and does
 * not complete it).
 *
 * Exactly N: after every
 * WorkflowTaskCompleted (and the commands written with it), the children initiated and not yet
 * closed must number min(N, packages whose dependencies have all completed and which have not
 * finished), counting only what the workflow had seen (events before the checkpoint: Temporal
 * buffers events that arrive during a workflow task until after its completion). Exempt: a
 * continue-as-new drain — the tail of a run that continued as new, after its last child start.
 * Checked only while the loop runs (from its first child start to its last child close).
 */
export function checkExactlyN(
  parentWorkflowId: string,
  chain: Array<{ events: HistoryEventLike[] }>,
  packages: Array<{ name: string; dependencies?: string[] }>,
  n: number,
  options: { seeded?: Iterable<string> } = {},
): ExactlyNReport {
  const deps = new Map(packages.map((p) => [p.name, p.dependencies ?? []]));
  const completed = new Set<string>(options.seeded ?? []);
  const failed = new Set<string>();
  const report: ExactlyNReport = {
    checkpoints: 0,
    startsChecked: 0,
    drainCheckpoints: 0,
    violations: [],
    maxInFlight: 0,
    startsPerRun: [],
    remediations: 0,
    completed: [],
    failed: [],
  };

  chain.forEach((run, runIndex) => {
    const events = run.events;
    const continued = events.at(-1)?.eventType === EventType.WorkflowExecutionContinuedAsNew;
    let lastStart = -1;
    events.forEach((e, i) => {
      if (e.eventType === EventType.StartChildWorkflowExecutionInitiated) lastStart = i;
    });
    const open = new Map<string, string>(); // child id → package
    let starts = 0;
    let loopStarted = false;
    let pendingCheckpoint = false;
    let taskIndex = -1; // the WorkflowTaskCompleted of the checkpoint being evaluated

    const evaluate = (index: number): void => {
      pendingCheckpoint = false;
      if (!loopStarted) return;
      const eligible = [...deps.keys()].filter(
        (p) => !completed.has(p) && !failed.has(p) && (deps.get(p) ?? []).every((d) => completed.has(d)),
      ).length;
      const expected = Math.min(n, eligible);
      const inFlight = open.size;
      report.maxInFlight = Math.max(report.maxInFlight, inFlight);
      if (expected === 0 && inFlight === 0) return; // the loop is over
      report.checkpoints += 1;
      // The drain: the workflow tasks after the one that issued the run's last child start.
      const draining = continued && taskIndex > lastStart;
      if (draining) {
        report.drainCheckpoints += 1;
        if (inFlight > expected)
          report.violations.push(
            `run ${runIndex} event ${index}: ${inFlight} in flight > ${expected} during the drain`,
          );
        return;
      }
      if (inFlight !== expected) {
        report.violations.push(
          `run ${runIndex} event ${index}: ${inFlight} in flight, expected min(${n}, ${eligible}) = ${expected}`,
        );
      }
    };

    events.forEach((e, i) => {
      const type = e.eventType ?? 0;
      if (pendingCheckpoint && !COMMAND_EVENTS.has(type)) evaluate(i);
      if (type === EventType.WorkflowTaskCompleted) {
        pendingCheckpoint = true;
        taskIndex = i;
      }
      if (type === EventType.StartChildWorkflowExecutionInitiated) {
        const id = childWorkflowIdOf(e)!;
        const { pkg, remediation } = loopChildOf(parentWorkflowId, id);
        if (completed.has(pkg))
          report.violations.push(
            `run ${runIndex} event ${i}: "${pkg}" started again (${id}) after it completed: built twice`,
          );
        // In flight again: a retry, a remediation or the rebuild after it re-opens a failed package.
        failed.delete(pkg);
        if (remediation) report.remediations += 1;
        const dependencies = deps.get(pkg);
        if (dependencies === undefined) {
          report.violations.push(
            `run ${runIndex} event ${i}: started "${pkg}", which is not a package of the graph`,
          );
        } else {
          const missing = missingDependencies(dependencies, completed, new Set(open.values()), failed);
          if (missing !== undefined)
            report.violations.push(
              `run ${runIndex} event ${i}: "${pkg}" started before its dependencies completed: ${missing}`,
            );
        }
        report.startsChecked += 1;
        open.set(id, pkg);
        starts += 1;
        loopStarted = true;
      } else if (type === EventType.StartChildWorkflowExecutionFailed) {
        const id = childWorkflowIdOf(e)!;
        open.delete(id);
        failed.add(packageOfChild(parentWorkflowId, id));
      } else if (CHILD_CLOSE_EVENTS.has(type)) {
        const id = childWorkflowIdOf(e)!;
        const { pkg, remediation } = loopChildOf(parentWorkflowId, id);
        open.delete(id);
        // A remediation that passed does not complete its package: the rebuild does.
        if (type === EventType.ChildWorkflowExecutionCompleted) {
          if (!remediation) completed.add(pkg);
        } else failed.add(pkg);
      }
    });
    if (pendingCheckpoint) evaluate(events.length);
    if (open.size > 0)
      report.violations.push(`run ${runIndex} ended with ${open.size} children still open (abandoned)`);
    report.startsPerRun.push(starts);
  });
  report.completed = [...completed].sort();
  report.failed = [...failed].sort();
  return report;
}
