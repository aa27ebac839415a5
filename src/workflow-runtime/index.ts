/**
 * The runtime of generated workflows: the machinery every generated project shares (the run
 * context, package loops, the orchestration query and continue-as-new checkpoints) and the parts
 * of the dependency graph engine they use. Written once and tested once in workflow-builder, which
 * copies it into every project it generates or exports as the `runtime/` folder beside the
 * generated workflows. It never reads a workflow definition: the generated workflow spells out the
 * definition's control flow and calls these functions.
 *
 * Runs in the Temporal workflow sandbox: deterministic, no Node APIs.
 */
export { DependencyGraph } from '../core/graph/dependency-graph';
export type { DependencyGraphJSON } from '../core/graph/graph-json';
export { ReadyTracker } from '../core/graph/ready-tracker';
export type { ReadyTrackerJSON } from '../core/graph/ready-tracker-json';
export type { GraphOptions, PackageSpec, SchedulingPolicy } from '../core/graph/types';
export { isSkippedResult } from '../core/orchestration/child-result';
export type { CompletedPackage, OrchestrationState } from '../core/orchestration/orchestration-state';
export { loadGraph, loadGraphWithOptions, withoutDependencies } from './graphs';
export {
  awaitRetry,
  checkpointRun,
  closeLoop,
  concurrencyOf,
  describeRun,
  failFast,
  failureSummary,
  finishSignal,
  getOrchestrationStateQuery,
  loopReport,
  openLoop,
  openOrchestratedRun,
  requestRetry,
  retryFailedSignal,
  type OrchestratedRun,
} from './orchestration';
export {
  PackageLoop,
  type ChildOutcome,
  type LoopSettings,
  type PackageChild,
  type RemediatePackage,
  type StartPackage,
} from './package-loop';
export { errorMessage, finishRun, joinChild, openRun, valueAt, type ChildJoin, type RunContext } from './run';
export type {
  LoopCheckpoint,
  LoopOutcome,
  PackageChildInput,
  ResumeState,
  RetryRequest,
  RunOptions,
  RunResult,
  RunSeed,
} from './types';
