/**
 * The answer of the `getOrchestrationState` query every generated orchestrating workflow exposes:
 * where a run stands, computed by the workflow when asked.
 *
 * The single source of truth: workflow-builder's host side (run monitor, run handlers, CLI) reads
 * it, and the workflow runtime answers the query with it. Every generated project carries this file
 * in its runtime, as `runtime/orchestration/orchestration-state.ts`.
 *
 * Types only: runs everywhere (main, renderer, workflow sandbox).
 */
import type { SchedulingPolicy } from '../graph/types';

/** Stage of the package loop of a run. */
export type OrchestrationPhase = 'building' | 'draining' | 'awaiting-retry' | 'finished';

/** Package counts of a run; `packages` is the size of the dependency graph. */
export interface OrchestrationTotals {
  packages: number;
  /** Packages built (skipped ones not counted). */
  completed: number;
  /** Packages that had none of the requested scripts: nothing ran, their dependents went on. */
  skipped?: number;
  failed: number;
  blocked: number;
  /** Children running now. */
  active: number;
  /** Ready packages not started yet. */
  queued: number;
  /** Packages still waiting for a dependency. */
  pending: number;
}

/** A package built successfully (or reused from the seed of a retried run). */
export interface CompletedPackage {
  name: string;
  durationMs: number;
  childWorkflowId: string;
}

/**
 * A package whose child built nothing: it has none of the requested scripts. It counts as done for
 * its dependents.
 */
export type SkippedPackage = CompletedPackage;

/** A child running now. */
export interface ActivePackage {
  name: string;
  /** Start time of the child (ISO, workflow time). */
  startedAt: string;
  childWorkflowId: string;
  /** 1 for the first run of the package, more after retries. */
  attempt: number;
  /** True while the child is the remediation after a failed build (then the package is built once more). */
  remediating?: boolean;
}

/** A package whose build failed. */
export interface FailedPackage {
  name: string;
  error: string;
  /** Id of the failed child; empty when unknown. */
  childWorkflowId: string;
}

/** A package that cannot run because a dependency failed or is blocked. */
export interface BlockedPackage {
  name: string;
  /** The dependency that blocks it. */
  blockedBy: string;
}

/** Where a run stands: the answer of the `getOrchestrationState` query. */
export interface OrchestrationState {
  workflowType: string;
  phase: OrchestrationPhase;
  totals: OrchestrationTotals;
  completed: CompletedPackage[];
  /** Packages whose child ran nothing (no such script); absent in states of older runs. */
  skipped?: SkippedPackage[];
  /** Children running now, with their start time (ISO, workflow time). */
  active: ActivePackage[];
  failed: FailedPackage[];
  blocked: BlockedPackage[];
  /** Ready packages not started yet, in scheduling order. */
  queue: string[];
  /** Children running now and the most allowed at once. */
  concurrency: { now: number; max: number };
  /** Estimated build time per package and the scheduling policy they feed. */
  eta: { estimatedDurationsMs: Record<string, number>; policy: SchedulingPolicy };
  /** The continue-as-new generation of the run and the history length that triggers the next. */
  continueAsNew: { generation: number; historyThreshold: number };
  /** Start of the run (ISO, workflow time). */
  startedAt: string;
  /** End of the package loop (ISO, workflow time); absent while it runs. */
  finishedAt?: string;
}
