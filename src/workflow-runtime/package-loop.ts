/**
 * The bookkeeping of a package loop, which keeps at most N children in flight and starts the next
 * ready package as each one finishes: the package graph, its ReadyTracker, the children in flight
 * and the packages built. The generated workflow decides what happens between build phases
 * (continue-as-new, the retry window, fail fast); this class only moves packages through their
 * states.
 */
import {
  CancellationScope,
  CancelledFailure,
  isCancellation,
  log,
  patched,
  rootCause,
  workflowInfo,
} from '@temporalio/workflow';
import { DependencyGraph } from '../core/graph/dependency-graph';
import { estimateDurations, knownDurations } from '../core/graph/durations';
import { ReadyTracker } from '../core/graph/ready-tracker';
import type { SchedulingPolicy } from '../core/graph/types';
import type { CompletedPackage, OrchestrationState } from '../core/orchestration/orchestration-state';
import { isSkippedResult } from '../core/orchestration/child-result';
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

/**
 * Runs the remediation child of a package whose build failed (the generated `executeChild` call):
 * resolves when the remediation passed, rejects when it failed.
 */
export type RemediatePackage = (name: string, child: PackageChild) => Promise<unknown>;

/** How a package's child workflow ended; `skipped`: it ran nothing (no such script). */
export type ChildOutcome =
  | { name: string; ok: true; skipped?: boolean }
  | { name: string; ok: false; error: unknown };

/** The child a package is running now. */
interface ChildInFlight {
  attempt: number;
  childWorkflowId: string;
  startedAt: number;
  /** True while the child is the remediation after a failed build. */
  remediating: boolean;
}

/** A package in flight. `settled` never rejects: it resolves to the package's outcome. */
interface ActiveChild extends ChildInFlight {
  readonly settled: Promise<ChildOutcome>;
}

/** A package loop in progress. */
export class PackageLoop {
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
    /** Packages whose child ran nothing: done for their dependents, reported apart. */
    readonly skipped: CompletedPackage[],
    /** The estimates known from earlier builds or declarations (no default): `expectedDurationMs`. */
    private readonly knownDurationsMs: Record<string, number>,
  ) {}

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
        checkpoint.skipped ?? [],
        checkpoint.knownDurationsMs ?? {},
      );
    }
    if (source === undefined) throw new Error(`Package loop "${nodeId}" has neither a graph nor a checkpoint`);
    const durations = Object.fromEntries(
      estimateDurations(source, undefined, input.estimatedDurationsMs ?? {}),
    );
    const known = Object.fromEntries(knownDurations(source, input.estimatedDurationsMs ?? {}));
    // With build times known from earlier runs, the critical-path-first order is tuned to them:
    // the run's schedule is simulated with perturbed priorities and the shortest kept (tunePriorities).
    // `patched`: a run started before the tuning existed replays with the order it was given.
    const tune =
      settings.policy === 'critical-path-first' &&
      Object.values(known).some((ms) => ms > 0) &&
      patched('tuned-critical-path-order');
    // Estimates from build history already carry each child's orchestration overhead; declared ones do not.
    const fromHistory = Object.keys(input.estimatedDurationsMs ?? {}).length > 0;
    const tracker = new ReadyTracker(source, {
      durations,
      ...(tune && { tuneForSlots: settings.maxConcurrent, ...(fromHistory && { slotCostMs: 0 }) }),
    });
    const loop = new PackageLoop(nodeId, source, tracker, settings, durations, [], {}, {}, [], known);
    loop.applySeed(input.seed);
    // The order is fixed here, with the seeded packages done, on replay too (not by a state query).
    if (settings.policy === 'critical-path-first') tracker.prepareOrder();
    return loop;
  }

  /**
   * The build phase: starts children for ready packages, up to `maxConcurrent` in flight, and
   * refills each freed slot at once, until nothing is ready or running. Past the history threshold
   * it stops starting children and lets the ones in flight finish (the drain). With `failFast`, a
   * failed package cancels the children in flight. With `remediate`, a failed build is followed,
   * in the same slot, by the remediation child and one rebuild. Throws when the workflow is
   * cancelled.
   */
  async build(
    start: StartPackage,
    options: { failFast?: boolean; remediate?: RemediatePackage } = {},
  ): Promise<void> {
    this.phase = 'building';
    const fill = (): void => this.fillSlots(start, options.remediate);
    fill();
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
      if (this.phase === 'building' && !this.children.consideredCancelled) fill();
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

  /**
   * Starts the child of a package taken from the tracker (its start command leaves with this
   * workflow task); settles to the package's outcome, never rejects. With `remediate`, a failed
   * build (not a cancelled one) is remediated and built once more before the package settles.
   */
  startPackage(name: string, start: StartPackage, remediate?: RemediatePackage): Promise<ChildOutcome> {
    const child: ChildInFlight = { ...this.nextAttempt(name), startedAt: Date.now(), remediating: false };
    const settled = this.children.run(async () => {
      const outcome = await this.runChild(name, child, start);
      if (outcome.ok || remediate === undefined || isCancellation(outcome.error)) return outcome;
      return this.remediateAndRebuild(name, child, outcome.error, start, remediate);
    });
    this.active.set(name, Object.assign(child, { settled }));
    return settled;
  }

  /** The id and attempt number of a package's next build. */
  private nextAttempt(name: string): { attempt: number; childWorkflowId: string } {
    const attempt = (this.attempts[name] ?? 0) + 1;
    this.attempts[name] = attempt;
    return { attempt, childWorkflowId: `${workflowInfo().workflowId}/${name}#${attempt}` };
  }

  /** One build child of a package, to its outcome. */
  private async runChild(name: string, child: ChildInFlight, start: StartPackage): Promise<ChildOutcome> {
    try {
      const handle = await start(name, { workflowId: child.childWorkflowId, attempt: child.attempt });
      const result = await handle.result();
      return isSkippedResult(result) ? { name, ok: true, skipped: true } : { name, ok: true };
    } catch (error) {
      return { name, ok: false, error };
    }
  }

  /**
   * After a failed build: the remediation child (`<build child id>.remediation`, same attempt),
   * then one rebuild as the next attempt. A remediation that fails leaves the package failed with
   * both errors; the rebuild's outcome is the package's.
   */
  private async remediateAndRebuild(
    name: string,
    child: ChildInFlight,
    buildError: unknown,
    start: StartPackage,
    remediate: RemediatePackage,
  ): Promise<ChildOutcome> {
    const cause = rootCause(buildError) ?? String(buildError);
    log.warn('Package build failed: remediating, then building it once more', { package: name, error: cause });
    Object.assign(child, {
      childWorkflowId: `${child.childWorkflowId}.remediation`,
      startedAt: Date.now(),
      remediating: true,
    });
    try {
      await remediate(name, { workflowId: child.childWorkflowId, attempt: child.attempt });
    } catch (error) {
      if (isCancellation(error)) return { name, ok: false, error };
      return { name, ok: false, error: `${cause}; remediation failed: ${rootCause(error) ?? String(error)}` };
    }
    Object.assign(child, this.nextAttempt(name), { startedAt: Date.now(), remediating: false });
    return this.runChild(name, child, start);
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
      // A skipped package is done for its dependents too: they become ready.
      this.tracker.complete(outcome.name);
      (outcome.skipped ? this.skipped : this.completed).push({
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
      skipped: this.skipped,
      failedChildIds: this.failedChildIds,
      attempts: this.attempts,
      estimatedDurationsMs: this.estimatedDurationsMs,
      knownDurationsMs: this.knownDurationsMs,
    };
  }

  /**
   * What this run expects package `name`'s build to take (ms): its earlier builds' time, else its
   * declared estimate; undefined when neither is known (`$package.expectedDurationMs`).
   */
  expectedDurationMs(name: string): number | undefined {
    return Object.hasOwn(this.knownDurationsMs, name) ? this.knownDurationsMs[name] : undefined;
  }

  /** Ends the loop: what it leaves in the results. */
  close(): LoopOutcome {
    this.phase = 'finished';
    this.finishedAt = new Date().toISOString();
    const snapshot = this.tracker.snapshot();
    return {
      packages: this.graph.size,
      completed: snapshot.completed.length - this.skipped.length,
      skipped: this.skipped.map((p) => p.name),
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
      queue.sort((a, b) => this.tracker.priorityOf(b) - this.tracker.priorityOf(a));
    }
    return {
      phase: this.phase,
      totals: {
        packages: this.graph.size,
        completed: counts.completed - this.skipped.length,
        skipped: this.skipped.length,
        failed: counts.failed,
        blocked: counts.blocked,
        active: counts.running,
        queued: counts.ready,
        pending: counts.pending,
      },
      completed: [...this.completed],
      skipped: [...this.skipped],
      active: Array.from(this.active, ([name, child]) => ({
        name,
        startedAt: new Date(child.startedAt).toISOString(),
        childWorkflowId: child.childWorkflowId,
        attempt: child.attempt,
        ...(child.remediating && { remediating: true }),
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
  private fillSlots(start: StartPackage, remediate: RemediatePackage | undefined): void {
    while (this.active.size < this.settings.maxConcurrent) {
      const name = this.tracker.nextReady(this.settings.policy);
      if (name === undefined) return;
      void this.startPackage(name, start, remediate);
    }
  }

  private historyIsLong(): boolean {
    if (this.settings.historyThreshold <= 0) return false;
    const info = workflowInfo();
    return info.historyLength >= this.settings.historyThreshold || info.continueAsNewSuggested;
  }

  /**
   * Retry after close: marks the packages the previous run completed (or skipped) as completed
   * (skipped), dependencies first.
   */
  private applySeed(seed: RunSeed | undefined): void {
    const seeded = new Map<string, { durationMs?: number; childWorkflowId?: string; skipped: boolean }>();
    const add = (entries: RunSeed['completed'] | undefined, skipped: boolean): void => {
      for (const entry of entries ?? []) {
        if (typeof entry === 'string') seeded.set(entry, { skipped });
        else seeded.set(entry.name, { ...entry, skipped });
      }
    };
    add(seed?.completed, false);
    add(seed?.skipped, true);
    const order = this.graph.topologicalSort();
    for (const name of order) {
      const entry = seeded.get(name);
      if (entry === undefined || this.tracker.stateOf(name) !== 'ready') continue;
      this.tracker.complete(name);
      (entry.skipped ? this.skipped : this.completed).push({
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
