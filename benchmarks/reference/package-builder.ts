/**
 * PackageBuilder written by hand from the milestone-5 pseudo-code (the Promise.race loop keeping N
 * children in flight, a dependency tracker, a query for the package states), as a Temporal user
 * would write it without workflow-builder. benchmarks/reference-equivalence.bench.ts runs it next
 * to the compiled PackageBuilder on the same packages, worker and server.
 *
 * It imports only @temporalio/workflow and its own tracker — nothing from src/core or the vendored
 * runtime. Its children are the compiled PackageBuild child workflow and its buildPackage activity
 * (the workflow type and task queue come in the input): the comparison is about the parent.
 *
 * Same observable contract as the compiled parent, so the same checks apply: child ids
 * `<parent id>/<package>#1`, the `getOrchestrationState` query (the fields the app reads), the result
 * `{ graph: { packages, dependencies }, build: { packages, completed, skipped, failed, blocked } }`,
 * and an ApplicationFailure `PackagesFailed` at the end when a package failed. Left out (not needed
 * to compare a run): continue-as-new, retries and the retry window, remediation, fail-fast.
 */
import {
  ApplicationFailure,
  defineQuery,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { DependencyTracker, type ReferencePackage } from './dependency-tracker';

export interface ReferenceInput {
  packages: ReferencePackage[];
  maxConcurrent: number;
  /** The PackageBuild child to start per package. */
  child: { workflowType: string; taskQueue: string };
  /** Failure message by package (the child's `failWith`). */
  failures?: Record<string, string>;
  /** Build times from history (ms): critical-path-first order, like the compiled run's input. */
  estimatedDurationsMs?: Record<string, number>;
  /**
   * Await each `startChild` before the next, as the pseudo-code writes it (one round trip per
   * start). Default false: every ready child is started in the same workflow task.
   */
  awaitEachStart?: boolean;
}

export interface ReferenceResult {
  graph: { packages: number; dependencies: number };
  build: {
    packages: number;
    completed: number;
    skipped: string[];
    failed: Array<{ name: string; error: string }>;
    blocked: Array<{ name: string; blockedBy: string }>;
  };
}

/** The fields of the app's OrchestrationState this workflow can answer (no retries, no continue-as-new). */
export interface ReferenceState {
  workflowType: string;
  phase: 'building' | 'finished';
  totals: {
    packages: number;
    completed: number;
    failed: number;
    blocked: number;
    active: number;
    queued: number;
    pending: number;
  };
  completed: Array<{ name: string; durationMs: number; childWorkflowId: string }>;
  active: Array<{ name: string; startedAt: string; childWorkflowId: string; attempt: number }>;
  failed: Array<{ name: string; error: string; childWorkflowId: string }>;
  blocked: Array<{ name: string; blockedBy: string }>;
  queue: string[];
  concurrency: { now: number; max: number };
  startedAt: string;
  finishedAt?: string;
}

export const getOrchestrationStateQuery = defineQuery<ReferenceState>('getOrchestrationState');

/** The compiled PackageBuild child, by its input (examples/package-build.json). */
type PackageBuildChild = (input: {
  runId: string;
  packageName: string;
  attempt: number;
  simulatedDurationMs?: number;
  failWith?: string;
}) => Promise<unknown>;

interface InFlight {
  childWorkflowId: string;
  startedAt: number;
  /** Resolves (never rejects) when the child closed. */
  settled: Promise<{ name: string; error?: string }>;
}

export async function PackageBuilderReference(input: ReferenceInput): Promise<ReferenceResult> {
  const startedAt = new Date().toISOString();
  if (!Number.isInteger(input.maxConcurrent) || input.maxConcurrent < 1)
    throw ApplicationFailure.nonRetryable(
      `maxConcurrent must be a whole number ≥ 1, got ${String(input.maxConcurrent)}`,
      'InvalidRunInput',
    );
  let tracker: DependencyTracker;
  try {
    tracker = new DependencyTracker(input.packages, input.estimatedDurationsMs);
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'InvalidDependencyGraph');
  }
  const active = new Map<string, InFlight>();
  const completed: ReferenceState['completed'] = [];
  const failedChildIds = new Map<string, string>();
  // Set once the loop ends; the query reads it (an object: the handler is registered before).
  const end: { finishedAt?: string } = {};

  setHandler(getOrchestrationStateQuery, () => ({
    workflowType: 'PackageBuilderReference',
    phase: end.finishedAt === undefined ? 'building' : 'finished',
    totals: {
      packages: input.packages.length,
      completed: completed.length,
      failed: tracker.count('failed'),
      blocked: tracker.count('blocked'),
      active: active.size,
      queued: tracker.count('ready'),
      pending: tracker.count('pending'),
    },
    completed: [...completed],
    active: [...active].map(([name, c]) => ({
      name,
      startedAt: new Date(c.startedAt).toISOString(),
      childWorkflowId: c.childWorkflowId,
      attempt: 1,
    })),
    failed: tracker.named('failed').map((name) => ({
      name,
      error: tracker.errors.get(name)!,
      childWorkflowId: failedChildIds.get(name)!,
    })),
    blocked: tracker.named('blocked').map((name) => ({ name, blockedBy: tracker.blockedBy.get(name)! })),
    queue: tracker.queue(),
    concurrency: { now: active.size, max: input.maxConcurrent },
    startedAt,
    ...(end.finishedAt !== undefined && { finishedAt: end.finishedAt }),
  }));

  const byName = new Map(input.packages.map((p) => [p.name, p]));
  const parentId = workflowInfo().workflowId;
  const start = (name: string): Promise<ChildWorkflowHandle<PackageBuildChild>> =>
    startChild<PackageBuildChild>(input.child.workflowType, {
      workflowId: `${parentId}/${name}#1`,
      taskQueue: input.child.taskQueue,
      args: [
        {
          runId: parentId,
          packageName: name,
          attempt: 1,
          simulatedDurationMs: byName.get(name)!.estimatedDurationMs,
          failWith: input.failures?.[name],
        },
      ],
    });

  // The Promise.race loop: fill the free slots with ready packages, wait for any child, repeat.
  while (tracker.hasWork()) {
    for (const name of tracker.takeReady(input.maxConcurrent - active.size)) {
      const childWorkflowId = `${parentId}/${name}#1`;
      const handle = start(name);
      // Without awaitEachStart the start commands of all free slots leave in this workflow task.
      if (input.awaitEachStart) await handle.catch(() => undefined);
      const settled = handle
        .then((child) => child.result())
        .then(
          () => ({ name }),
          (error: unknown) => ({ name, error: messageOf(error) }),
        );
      active.set(name, { childWorkflowId, startedAt: Date.now(), settled });
    }
    const outcome = await Promise.race([...active.values()].map((c) => c.settled));
    const child = active.get(outcome.name)!;
    active.delete(outcome.name);
    if (outcome.error === undefined) {
      tracker.markCompleted(outcome.name);
      completed.push({
        name: outcome.name,
        durationMs: Date.now() - child.startedAt,
        childWorkflowId: child.childWorkflowId,
      });
    } else {
      tracker.markFailed(outcome.name, outcome.error);
      failedChildIds.set(outcome.name, child.childWorkflowId);
    }
  }
  end.finishedAt = new Date().toISOString();

  const failed = tracker.named('failed').map((name) => ({ name, error: tracker.errors.get(name)! }));
  const blocked = tracker.named('blocked').map((name) => ({ name, blockedBy: tracker.blockedBy.get(name)! }));
  if (failed.length > 0)
    throw ApplicationFailure.nonRetryable(
      `build: ${failed.length} of ${input.packages.length} packages failed: ${failed
        .map((f) => `${f.name} (${f.error})`)
        .join(', ')}${blocked.length > 0 ? `; ${blocked.length} blocked` : ''}`,
      'PackagesFailed',
    );
  return {
    graph: { packages: input.packages.length, dependencies: tracker.edgeCount },
    build: { packages: input.packages.length, completed: completed.length, skipped: [], failed, blocked },
  };
}

/** The root cause of a child's failure (ChildWorkflowFailure → ApplicationFailure → message). */
function messageOf(error: unknown): string {
  let e = error as { cause?: unknown; message?: string } | undefined;
  while (e?.cause !== undefined) e = e.cause as typeof e;
  return e?.message ?? String(error);
}
