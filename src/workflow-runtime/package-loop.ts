/**
 * The bookkeeping of a package loop (see docs/architecture/promise-race-concurrency.md): the
 * package graph, its ReadyTracker, the children in flight and the packages built. The generated
 * workflow decides what happens between build phases (continue-as-new, the retry window, fail
 * fast); this class only moves packages through their states.
 */
import {
  CancellationScope,
  CancelledFailure,
  log,
  rootCause,
  workflowInfo,
} from '@temporalio/workflow';
import { DependencyGraph } from '../core/graph/dependency-graph';
import { estimateDurations } from '../core/graph/durations';
import { ReadyTracker } from '../core/graph/ready-tracker';
import type { SchedulingPolicy } from '../core/graph/types';
import type { CompletedPackage, OrchestrationState } from '../core/orchestration/orchestration-state';
import type { LoopCheckpoint, LoopOutcome, RunSeed } from './types';

/** How a loop schedules its children. */
export interface LoopSettings {
  /** Children in flight at most. */
  readonly maxConcurrent: number;
  readonly policy: SchedulingPolicy;
  /** History length at which the loop drains and the run continues as new; 0 never does. */
  readonly historyThreshold: number;
}

/** What the run's input tells a new loop. */
export interface LoopRunInput {
  /** Estimated duration (ms) of packages, from earlier builds. */
  readonly estimatedDurationsMs?: Record<string, number>;
  /** Packages a retried run does not build again. */
  readonly seed?: RunSeed;
}

/** The ids the child of one package is started with. */
export interface PackageChild {
  /** `<parent workflow id>/<package>#<attempt>` */
  readonly workflowId: string;
  /** 1 for the first build of the package, +1 per retry. */
  readonly attempt: number;
}

/** Starts the child workflow of package `name` (the generated `startChild` call). */
export type StartPackage = (name: string, child: PackageChild) => Promise<{ result(): Promise<unknown> }>;

/** How a package's child workflow ended. */
export type ChildOutcome = { name: string; ok: true } | { name: string; ok: false; error: unknown };

/** A child workflow in flight. `settled` never rejects: it resolves to the child's outcome. */
interface ActiveChild {
  readonly attempt: number;
  readonly childWorkflowId: string;
  readonly startedAt: number;
  readonly settled: Promise<ChildOutcome>;
}

/** A package loop in progress. */
export class PackageLoop {
  /** Bottom level (critical path length from the package on) of each package, for the queue order. */
  private readonly priority: Map<string, number>;
  /** Children in flight, by package: a settled child is removed at once. */
  private readonly active = new Map<string, ActiveChild>();
  /** Every child runs in this scope: cancelling it cancels exactly the children in flight. */
  private readonly children = new CancellationScope();
  private drainStartedAt = 0;
  phase: OrchestrationState['phase'] = 'building';
  finishedAt: string | undefined;

  private constructor(
    readonly nodeId: string,
    readonly graph: DependencyGraph,
    readonly tracker: ReadyTracker,
    readonly settings: LoopSettings,
    readonly estimatedDurationsMs: Record<string, number>,
    readonly completed: CompletedPackage[],
    /** Attempts started per package; the next child id ends in `#<attempt + 1>`. */
    private readonly attempts: Record<string, number>,
    private failedChildIds: Record<string, string>,
  ) {
    this.priority = settings.policy === 'fifo' ? new Map() : graph.bottomLevels(estimatedDurationsMs);
  }

  /** A loop over `source`, or the one a continue-as-new checkpoint carries. */
  static open(
    nodeId: string,
    source: DependencyGraph | undefined,
    checkpoint: LoopCheckpoint | undefined,
    settings: LoopSettings,
    input: LoopRunInput,
  ): PackageLoop {
    if (checkpoint) {
      const graph = DependencyGraph.fromJSON(checkpoint.graph);
      return new PackageLoop(
        nodeId,
        graph,
        ReadyTracker.fromJSON(graph, checkpoint.tracker),
        settings,
        checkpoint.estimatedDurationsMs,
        checkpoint.completed,
        checkpoint.attempts,
        checkpoint.failedChildIds,
      );
    }
    if (source === undefined) throw new Error(`Package loop "${nodeId}" has neither a graph nor a checkpoint`);
    const durations = Object.fromEntries(
      estimateDurations(source, undefined, input.estimatedDurationsMs ?? {}),
    );
    const tracker = new ReadyTracker(source, { durations });
    const loop = new PackageLoop(nodeId, source, tracker, settings, durations, [], {}, {});
    loop.applySeed(input.seed);
    return loop;
  }

  /**
   * The build phase: starts children for ready packages, up to `maxConcurrent` in flight, and
   * refills each freed slot at once, until nothing is ready or running. Past the history threshold
   * it stops starting children and lets the ones in flight finish (the drain). With `failFast`, a
   * failed package cancels the children in flight. Throws when the workflow is cancelled.
   */
  async build(start: StartPackage, options: { failFast?: boolean } = {}): Promise<void> {
    this.phase = 'building';
    this.fillSlots(start);
    while (this.active.size > 0) {
      const outcome = await Promise.race(Array.from(this.active.values(), (child) => child.settled));
      this.record(outcome);
      if (options.failFast && !outcome.ok && !this.children.consideredCancelled) {
        log.warn('Package failed: cancelling the running children (fail-fast)', { package: outcome.name });
        this.children.cancel();
      }
      if (this.phase === 'building' && this.historyIsLong()) {
        this.phase = 'draining';
        this.drainStartedAt = Date.now();
        log.info('History is long: draining before continue-as-new', {
          node: this.nodeId,
          inFlight: this.active.size,
        });
      }
      if (this.phase === 'building' && !this.children.consideredCancelled) this.fillSlots(start);
    }
    this.throwIfCancelled();
  }

  /** True when `build` drained for continue-as-new with packages left to build. */
  get mustContinueAsNew(): boolean {
    return this.phase === 'draining' && !this.tracker.isFinished();
  }

  /** True when a fail-fast build cancelled its children after a failure. */
  get failedFast(): boolean {
    return this.children.consideredCancelled;
  }

  /** True when packages failed or are blocked. */
  hasFailures(): boolean {
    const counts = this.tracker.counts();
    return counts.failed > 0 || counts.blocked > 0;
  }

  /**
   * Makes the failed and blocked packages ready (or pending) again, for another build phase; with
   * `only`, just those failed packages and what they block (names not failed now are ignored).
   */
  retryFailed(only?: readonly string[]): void {
    const failed = only?.filter((name) => this.graph.hasNode(name) && this.tracker.stateOf(name) === 'failed');
    if (only !== undefined && failed!.length < only.length) log.warn('Retry: ignoring packages that are not failed', { only });
    this.tracker.retryFailed(failed);
    for (const name of failed ?? Object.keys(this.failedChildIds)) delete this.failedChildIds[name];
  }

  /** Up to `count` ready packages, marked running, in FIFO order (a batch). */
  takeReady(count: number): string[] {
    const batch: string[] = [];
    for (let name = this.tracker.nextReady('fifo'); name !== undefined; ) {
      batch.push(name);
      if (batch.length === count) break;
      name = this.tracker.nextReady('fifo');
    }
    return batch;
  }

  /** Starts the child of a package taken from the tracker; settles to its outcome, never rejects. */
  startPackage(name: string, start: StartPackage): Promise<ChildOutcome> {
    const attempt = (this.attempts[name] ?? 0) + 1;
    this.attempts[name] = attempt;
    const workflowId = `${workflowInfo().workflowId}/${name}#${attempt}`;
    const settled = this.children
      .run(() => start(name, { workflowId, attempt }))
      .then((child) => child.result())
      .then(
        (): ChildOutcome => ({ name, ok: true }),
        (error: unknown): ChildOutcome => ({ name, ok: false, error }),
      );
    this.active.set(name, { attempt, childWorkflowId: workflowId, startedAt: Date.now(), settled });
    return settled;
  }

  /**
   * Frees the slot of a settled child and records its package as completed (dependents may become
   * ready) or failed with the child's root cause (dependents become blocked).
   */
  record(outcome: ChildOutcome): void {
    const child = this.active.get(outcome.name);
    if (child === undefined) return;
    this.active.delete(outcome.name);
    if (outcome.ok) {
      this.tracker.complete(outcome.name);
      this.completed.push({
        name: outcome.name,
        durationMs: Date.now() - child.startedAt,
        childWorkflowId: child.childWorkflowId,
      });
    } else {
      this.tracker.fail(outcome.name, rootCause(outcome.error) ?? String(outcome.error));
      this.failedChildIds[outcome.name] = child.childWorkflowId;
    }
  }

  /** Throws a CancelledFailure when the workflow was cancelled (its children are cancelled with it). */
  throwIfCancelled(): void {
    if (CancellationScope.current().consideredCancelled) {
      throw new CancelledFailure('Workflow cancelled while building packages');
    }
  }

  /** The state continue-as-new hands to the next run (no child is in flight then). */
  checkpoint(): LoopCheckpoint {
    log.info('Drain finished: continuing as new', {
      node: this.nodeId,
      drainMs: Date.now() - this.drainStartedAt,
    });
    return {
      nodeId: this.nodeId,
      graph: this.graph.toJSON(),
      tracker: this.tracker.toJSON(),
      completed: this.completed,
      failedChildIds: this.failedChildIds,
      attempts: this.attempts,
      estimatedDurationsMs: this.estimatedDurationsMs,
    };
  }

  /** Ends the loop: what it leaves in the results. */
  close(): LoopOutcome {
    this.phase = 'finished';
    this.finishedAt = new Date().toISOString();
    const snapshot = this.tracker.snapshot();
    return {
      packages: this.graph.size,
      completed: snapshot.completed.length,
      failed: snapshot.failed.map((f) => ({ name: f.name, error: f.error })),
      blocked: snapshot.blocked.map((b) => ({ name: b.name, blockedBy: b.blockedBy })),
    };
  }

  /** The loop's part of the `getOrchestrationState` answer. */
  describe(): Omit<OrchestrationState, 'workflowType' | 'continueAsNew' | 'startedAt'> & {
    historyThreshold: number;
  } {
    const counts = this.tracker.counts();
    const snapshot = this.tracker.snapshot();
    const queue = [...snapshot.ready];
    if (this.settings.policy === 'critical-path-first') {
      queue.sort((a, b) => (this.priority.get(b) ?? 0) - (this.priority.get(a) ?? 0));
    }
    return {
      phase: this.phase,
      totals: {
        packages: this.graph.size,
        completed: counts.completed,
        failed: counts.failed,
        blocked: counts.blocked,
        active: counts.running,
        queued: counts.ready,
        pending: counts.pending,
      },
      completed: [...this.completed],
      active: Array.from(this.active, ([name, child]) => ({
        name,
        startedAt: new Date(child.startedAt).toISOString(),
        childWorkflowId: child.childWorkflowId,
        attempt: child.attempt,
      })),
      failed: snapshot.failed.map((f) => ({
        name: f.name,
        error: f.error,
        childWorkflowId: this.failedChildIds[f.name] ?? '',
      })),
      blocked: snapshot.blocked.map((b) => ({ name: b.name, blockedBy: b.blockedBy })),
      queue,
      concurrency: { now: this.active.size, max: this.settings.maxConcurrent },
      eta: { estimatedDurationsMs: { ...this.estimatedDurationsMs }, policy: this.settings.policy },
      historyThreshold: this.settings.historyThreshold,
      ...(this.finishedAt !== undefined && { finishedAt: this.finishedAt }),
    };
  }

  /** Starts a child for ready packages until `maxConcurrent` are in flight, awaiting nothing in between. */
  private fillSlots(start: StartPackage): void {
    while (this.active.size < this.settings.maxConcurrent) {
      const name = this.tracker.nextReady(this.settings.policy);
      if (name === undefined) return;
      void this.startPackage(name, start);
    }
  }

  private historyIsLong(): boolean {
    if (this.settings.historyThreshold <= 0) return false;
    const info = workflowInfo();
    return info.historyLength >= this.settings.historyThreshold || info.continueAsNewSuggested;
  }

  /** Retry after close: marks the packages the previous run completed as completed, dependencies first. */
  private applySeed(seed: RunSeed | undefined): void {
    const seeded = new Map<string, { durationMs?: number; childWorkflowId?: string }>();
    for (const entry of seed?.completed ?? []) {
      if (typeof entry === 'string') seeded.set(entry, {});
      else seeded.set(entry.name, entry);
    }
    const order = this.graph.topologicalSort();
    for (const name of order) {
      const entry = seeded.get(name);
      if (entry === undefined || this.tracker.stateOf(name) !== 'ready') continue;
      this.tracker.complete(name);
      this.completed.push({
        name,
        durationMs: entry.durationMs ?? 0,
        childWorkflowId: entry.childWorkflowId ?? '',
      });
    }
    if (seed?.only) this.failOutside(order, seed.only);
  }

  /** Retry of some packages after close: the rest the predecessor left fail now, blocking theirs. */
  private failOutside(order: readonly string[], only: readonly string[]): void {
    const scope = new Set(only.filter((name) => this.graph.hasNode(name)));
    for (const name of order) {
      if (scope.has(name)) for (const d of this.graph.dependentsOf(name)) scope.add(d);
    }
    const reason = `not retried: this run retries ${only.join(', ')} only`;
    for (const name of order) {
      if (!scope.has(name) && this.tracker.stateOf(name) === 'ready') this.tracker.fail(name, reason);
    }
  }
}
