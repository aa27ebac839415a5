import { lines } from '../code-writer';
import type { EmitContext, HelperSource } from '../emitter';

/**
 * The orchestration state pattern: every generated workflow answers the `getOrchestrationState`
 * query from its run context (the package loop running now, or the last one), and a workflow with
 * a dynamic loop handles the `retryFailed` and `finish` signals of its retry window. The query
 * computes the state when asked — nothing is recomputed per event.
 */

/** The handlers registered first thing in a workflow function. */
export function emitStateHandlers(ctx: EmitContext): string {
  ctx.importFrom('@temporalio/workflow', 'setHandler');
  ctx.importFrom('./shared', 'getOrchestrationStateQuery');
  ctx.useHelper('describeRun');
  const signals = ctx.workflow.hasDynamicLoop;
  if (signals) {
    ctx.importFrom('./shared', 'retryFailedSignal');
    ctx.importFrom('./shared', 'finishSignal');
  }
  return lines(
    'setHandler(getOrchestrationStateQuery, () => describeRun(run));',
    signals && '// Signals of the retry window: re-run failed and blocked packages, or stop waiting.',
    signals && 'setHandler(retryFailedSignal, () => void (run.retryRequested = true));',
    signals && 'setHandler(finishSignal, () => void (run.finishRequested = true));',
  );
}

/**
 * shared.ts declarations of the pattern: the state type, the query and the signals. The state type
 * must stay mutually assignable with `OrchestrationState` of src/core/orchestration (the host's
 * view; tests/unit/compiler/orchestration-state-conformance.test.ts checks it).
 */
export const SHARED_STATE_DECLARATIONS = `
/** Where a run stands: the answer of the \`getOrchestrationState\` query. */
export interface OrchestrationState {
  workflowType: string;
  phase: 'building' | 'draining' | 'awaiting-retry' | 'finished';
  totals: {
    packages: number;
    completed: number;
    failed: number;
    blocked: number;
    active: number;
    queued: number;
    pending: number;
  };
  completed: CompletedPackage[];
  /** Children running now, with their start time (ISO, workflow time). */
  active: Array<{ name: string; startedAt: string; childWorkflowId: string; attempt: number }>;
  failed: Array<{ name: string; error: string; childWorkflowId: string }>;
  blocked: Array<{ name: string; blockedBy: string }>;
  /** Ready packages not started yet, in scheduling order. */
  queue: string[];
  concurrency: { now: number; max: number };
  eta: { estimatedDurationsMs: Record<string, number>; policy: SchedulingPolicy };
  continueAsNew: { generation: number; historyThreshold: number };
  startedAt: string;
  finishedAt?: string;
}

/** A package built successfully (or reused from the seed of a retried run). */
export interface CompletedPackage {
  name: string;
  durationMs: number;
  childWorkflowId: string;
}

/** The orchestration state of a run: completed, active, failed, blocked and queued packages. */
export const getOrchestrationStateQuery = defineQuery<OrchestrationState>('getOrchestrationState');
/** Re-runs the failed and blocked packages of a run waiting in its retry window. */
export const retryFailedSignal = defineSignal('retryFailed');
/** Ends the retry window of a run now. */
export const finishSignal = defineSignal('finish');`;

export const STATE_HELPERS: readonly HelperSource[] = [
  {
    name: 'describeRun',
    needs: ['RunContext'],
    imports: [['./shared', 'OrchestrationState', true]],
    source: `
/** The answer of \`getOrchestrationState\`: the package loop running now, or the last one. */
function describeRun(run: RunContext): OrchestrationState {
  const loop = run.loop;
  if (loop === undefined) {
    return {
      workflowType: run.workflowType,
      phase: run.finishedAt === undefined ? 'building' : 'finished',
      totals: { packages: 0, completed: 0, failed: 0, blocked: 0, active: 0, queued: 0, pending: 0 },
      completed: [],
      active: [],
      failed: [],
      blocked: [],
      queue: [],
      concurrency: { now: 0, max: 0 },
      eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
      continueAsNew: { generation: run.generation, historyThreshold: 0 },
      startedAt: run.startedAt,
      ...(run.finishedAt !== undefined && { finishedAt: run.finishedAt }),
    };
  }
  const counts = loop.tracker.counts();
  const snapshot = loop.tracker.snapshot();
  const queue = [...snapshot.ready];
  if (loop.policy === 'critical-path-first') {
    queue.sort((a, b) => (loop.priority.get(b) ?? 0) - (loop.priority.get(a) ?? 0));
  }
  return {
    workflowType: run.workflowType,
    phase: loop.phase,
    totals: {
      packages: loop.graph.size,
      completed: counts.completed,
      failed: counts.failed,
      blocked: counts.blocked,
      active: counts.running,
      queued: counts.ready,
      pending: counts.pending,
    },
    completed: [...loop.completed],
    active: Array.from(loop.active, ([name, child]) => ({
      name,
      startedAt: new Date(child.startedAt).toISOString(),
      childWorkflowId: child.childWorkflowId,
      attempt: child.attempt,
    })),
    failed: snapshot.failed.map((f) => ({
      name: f.name,
      error: f.error,
      childWorkflowId: loop.failedChildIds[f.name] ?? '',
    })),
    blocked: snapshot.blocked.map((b) => ({ name: b.name, blockedBy: b.blockedBy })),
    queue,
    concurrency: { now: loop.active.size, max: loop.maxConcurrent },
    eta: { estimatedDurationsMs: { ...loop.estimatedDurationsMs }, policy: loop.policy },
    continueAsNew: { generation: run.generation, historyThreshold: loop.historyThreshold },
    startedAt: run.startedAt,
    ...(loop.finishedAt !== undefined && { finishedAt: loop.finishedAt }),
  };
}`,
  },
];
