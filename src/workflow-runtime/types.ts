/**
 * The data a generated workflow exchanges with its client, its children and its next run
 * (continue-as-new). Types only.
 */
import type { DependencyGraphJSON } from '../core/graph/graph-json';
import type { ReadyTrackerJSON } from '../core/graph/ready-tracker-json';
import type { CompletedPackage } from '../core/orchestration/orchestration-state';

/** Result of a generated workflow: the result of each node that produced one, by node id. */
export type RunResult = Record<string, unknown>;

/** Inputs a workflow with a package loop accepts next to its own. */
export interface RunOptions {
  /** Retry of a closed run: the packages its predecessor completed are not built again. */
  seed?: RunSeed;
  /** Estimated duration (ms) of packages, from earlier builds: orders critical-path-first, feeds the ETA. */
  estimatedDurationsMs?: Record<string, number>;
  /**
   * Children in flight at most in this run's dynamic package loops, instead of the definition's N
   * ("run again with a lower N"). Batch loops keep their batch size.
   */
  maxConcurrent?: number;
  /** Set by continue-as-new only: where and with what state the next run resumes. */
  resume?: ResumeState;
}

/** Packages a retried run does not build again: names, or the `completed` entries of the state query. */
export interface RunSeed {
  completed: Array<string | { name: string; durationMs?: number; childWorkflowId?: string }>;
  /** Packages it skipped (no such script): not run again, still reported skipped. */
  skipped?: RunSeed['completed'];
  /** Workflow id of the run being retried. */
  previousWorkflowId?: string;
  /**
   * Retry of one package after close: build only these packages and their dependents; the other
   * packages the predecessor did not complete fail at once ("not retried"), blocking theirs.
   */
  only?: string[];
}

/** Payload of the `retryFailed` signal: without `packages`, every failed package is retried. */
export interface RetryRequest {
  /** Failed packages to build again, with the packages they block; others stay failed. */
  packages?: string[];
}

/** What continue-as-new carries into the next run. */
export interface ResumeState {
  /** The package loop the next run resumes at (1 = the first). */
  stage: number;
  generation: number;
  startedAt: string;
  results: Record<string, unknown>;
  errors: Record<string, string>;
  retryRequested: boolean;
  /** The packages a pending retry asked for (absent: all). */
  retryPackages?: string[];
  finishRequested: boolean;
  loop: LoopCheckpoint;
}

/** A package loop's state at continue-as-new (no child is running then). */
export interface LoopCheckpoint {
  nodeId: string;
  graph: DependencyGraphJSON;
  tracker: ReadyTrackerJSON;
  completed: CompletedPackage[];
  /** Absent in checkpoints written before skipped packages were told apart. */
  skipped?: CompletedPackage[];
  failedChildIds: Record<string, string>;
  attempts: Record<string, number>;
  estimatedDurationsMs: Record<string, number>;
  /**
   * The estimates that were known (earlier builds, declared), without the default the others got.
   * Absent in checkpoints written before `$package.expectedDurationMs`: no package is known then.
   */
  knownDurationsMs?: Record<string, number>;
}

/** What a package loop node leaves in the results. */
export interface LoopOutcome {
  packages: number;
  /** Packages built. */
  completed: number;
  /** Packages whose child ran nothing (no such script). */
  skipped: string[];
  failed: Array<{ name: string; error: string }>;
  blocked: Array<{ name: string; blockedBy: string }>;
}

/** Input of the child workflow a package loop starts for each package (plus its childInput fields). */
export interface PackageChildInput {
  /** Workflow id of the parent run (names the log folder). */
  runId: string;
  packageName: string;
  /** 1 for the first build, +1 per retry. */
  attempt: number;
}
