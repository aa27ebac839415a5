/**
 * What a workflow with package loops adds to its run context: the `getOrchestrationState` query,
 * the `retryFailed` / `finish` signals of the retry window, and continue-as-new checkpoints.
 * The query computes the state when asked; nothing is recomputed per event.
 */
import type { Duration } from '@temporalio/common';
import { ApplicationFailure, condition, defineQuery, defineSignal } from '@temporalio/workflow';
import type { DependencyGraph } from '../core/graph/dependency-graph';
import type { OrchestrationState } from '../core/orchestration/orchestration-state';
import { PackageLoop, type LoopSettings } from './package-loop';
import { openRun, type RunContext } from './run';
import type { LoopCheckpoint, LoopOutcome, ResumeState, RetryRequest, RunOptions } from './types';

/** The orchestration state of a run: completed, active, failed, blocked and queued packages. */
export const getOrchestrationStateQuery = defineQuery<OrchestrationState>('getOrchestrationState');
/**
 * Re-runs the failed and blocked packages of a run waiting in its retry window; with
 * `{ packages }`, only those failed packages and the packages they block.
 */
export const retryFailedSignal = defineSignal<[RetryRequest?]>('retryFailed');
/** Ends the retry window of a run now. */
export const finishSignal = defineSignal('finish');

/** The run context of a workflow with package loops. */
export interface OrchestratedRun<I extends RunOptions = RunOptions> extends RunContext<I> {
  readonly workflowType: string;
  /** Package loops of this run (this generation), by node id. */
  readonly loops: Map<string, PackageLoop>;
  /** The package loop running now, or the last one that ran: what the query reports. */
  loop: PackageLoop | undefined;
  retryRequested: boolean;
  /** What the pending retry asked for: undefined retries every failure. */
  retryPackages: string[] | undefined;
  finishRequested: boolean;
}

/** The context of a new run, or of one continuing as new (`input.resume`). */
export function openOrchestratedRun<I extends RunOptions>(workflowType: string, input: I): OrchestratedRun<I> {
  const resume: ResumeState | undefined = input.resume;
  return {
    ...openRun(input, resume),
    workflowType,
    loops: new Map(),
    loop: undefined,
    retryRequested: resume?.retryRequested ?? false,
    retryPackages: resume?.retryPackages,
    finishRequested: resume?.finishRequested ?? false,
  };
}

/**
 * Opens a package loop over `graph`, or restores it from `checkpoint` (a run resumed after
 * continue-as-new did not build the graph again), and makes it the run's current loop.
 */
export function openLoop(
  run: OrchestratedRun,
  nodeId: string,
  graph: DependencyGraph | undefined,
  checkpoint: LoopCheckpoint | undefined,
  settings: LoopSettings,
): PackageLoop {
  const loop = PackageLoop.open(nodeId, graph, checkpoint, settings, run.input);
  run.loops.set(nodeId, loop);
  run.loop = loop;
  return loop;
}

/**
 * The N of a dynamic loop: the run's `maxConcurrent` input when given ("run again with a lower N"),
 * else the definition's. A value that is not a whole number from 1 to `limit` (the definition
 * schema's bound, passed by the generated code) fails the run.
 */
export function concurrencyOf(run: OrchestratedRun, definitionN: number, limit: number): number {
  const n = run.input.maxConcurrent;
  if (n === undefined) return definitionN;
  if (!Number.isInteger(n) || n < 1 || n > limit) {
    throw ApplicationFailure.create({
      type: 'InvalidRunInput',
      message: `maxConcurrent must be a whole number from 1 to ${limit}, got ${JSON.stringify(n)}`,
      nonRetryable: true,
    });
  }
  return n;
}

/**
 * The `retryFailed` signal's handler: a retry of named packages adds them to a pending one; a retry
 * of everything (no names) wins over named ones.
 */
export function requestRetry(run: OrchestratedRun, request?: RetryRequest): void {
  const names = request?.packages?.filter((n) => typeof n === 'string') ?? [];
  const everything = names.length === 0 || (run.retryRequested && run.retryPackages === undefined);
  run.retryPackages = everything ? undefined : [...new Set([...(run.retryPackages ?? []), ...names])];
  run.retryRequested = true;
}

/**
 * The retry window after a build phase that left failures: waits up to `timeout` for
 * `retryFailed` (true: the failed and blocked packages are ready again) or `finish` (false).
 */
export async function awaitRetry(run: OrchestratedRun, loop: PackageLoop, timeout: Duration): Promise<boolean> {
  loop.phase = 'awaiting-retry';
  const signalled = await condition(() => run.retryRequested || run.finishRequested, timeout);
  if (!signalled || run.finishRequested) return false;
  const only = run.retryPackages;
  run.retryRequested = false;
  run.retryPackages = undefined;
  loop.retryFailed(only);
  return true;
}

/** The input of the next run when `loop` (at `stage`) continues as new. */
export function checkpointRun<I extends RunOptions>(run: OrchestratedRun<I>, stage: number, loop: PackageLoop): I {
  const resume: ResumeState = {
    stage,
    generation: run.generation + 1,
    startedAt: run.startedAt,
    results: run.results,
    errors: run.errors,
    retryRequested: run.retryRequested,
    ...(run.retryPackages !== undefined && { retryPackages: run.retryPackages }),
    finishRequested: run.finishRequested,
    loop: loop.checkpoint(),
  };
  return { ...run.input, seed: undefined, resume };
}

/** Ends a loop: its outcome for the results; with `failWorkflow`, failures fail the run at its end. */
export function closeLoop(run: OrchestratedRun, loop: PackageLoop, options: { failWorkflow: boolean }): LoopOutcome {
  const outcome = loop.close();
  if (options.failWorkflow && outcome.failed.length > 0) run.failures.push(failureSummary(loop.nodeId, outcome));
  return outcome;
}

/** Ends a fail-fast loop after a failure: the error that fails the run now. */
export function failFast(loop: PackageLoop): ApplicationFailure {
  const outcome = loop.close();
  return ApplicationFailure.create({
    type: 'PackageBuildFailed',
    message: failureSummary(loop.nodeId, outcome),
    nonRetryable: true,
  });
}

/** `build: 2 of 20 packages failed: db (boom), web (tsc error); 5 blocked` */
export function failureSummary(nodeId: string, outcome: LoopOutcome): string {
  const failed = outcome.failed.map((f) => `${f.name} (${f.error})`).join(', ');
  const blocked = outcome.blocked.length > 0 ? `; ${outcome.blocked.length} blocked` : '';
  return `${nodeId}: ${outcome.failed.length} of ${outcome.packages} packages failed: ${failed}${blocked}`;
}

/** The answer of `getOrchestrationState`: the package loop running now, or the last one. */
export function describeRun(run: OrchestratedRun, loop: PackageLoop | undefined = run.loop): OrchestrationState {
  const common = { workflowType: run.workflowType, startedAt: run.startedAt };
  if (loop === undefined) {
    return {
      ...common,
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
      ...(run.finishedAt !== undefined && { finishedAt: run.finishedAt }),
    };
  }
  const { historyThreshold, ...state } = loop.describe();
  return { ...common, ...state, continueAsNew: { generation: run.generation, historyThreshold } };
}

/** What a report node reports: the loop's full state, or its outcome if it ran before a continue-as-new. */
export function loopReport(run: OrchestratedRun, nodeId: string): unknown {
  const loop = run.loops.get(nodeId);
  if (!loop) return run.results[nodeId];
  // The state has no edges; the report's critical path and lower bound need them (sent once, here).
  return { ...describeRun(run, loop), graph: loop.graph.toJSON() };
}
