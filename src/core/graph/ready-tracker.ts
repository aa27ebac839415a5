import { bottomLevelArrays } from './critical-path';
import type { CompiledGraph } from './csr';
import type { RunningAtStart } from './list-schedule';
import type { DependencyGraph } from './dependency-graph';
import { resolveDurations } from './durations';
import { GraphError, unknownPackageError } from './graph-error';
import type { PackageState } from './package-state';
import { BLOCKED, COMPLETED, FAILED, PENDING, READY, RUNNING, STATE_NAMES } from './package-state';
import { ReadyQueue } from './ready-queue';
import type { ReadyTrackerJSON, TrackerData } from './ready-tracker-json';
import { checkRestored, decodeTracker, encodeTracker } from './ready-tracker-json';
import type { BlockedPackage, TrackerSnapshot } from './tracker-snapshot';
import { snapshotOf } from './tracker-snapshot';
import { topologicalOrder } from './topo-sort';
import { tunePriorities } from './tuned-priorities';
import type { DurationInput, SchedulingPolicy } from './types';

/** Options of a ReadyTracker. */
export interface ReadyTrackerOptions {
  /** Estimated durations (ms) for critical-path-first; missing: declared estimate, else 1. */
  readonly durations?: DurationInput;
  /**
   * The run's slot count (N). Given, critical-path-first is tuned to the durations by simulating
   * the run (`tunePriorities`) when the order is first needed, and the tuned order is kept in
   * `toJSON()`. Without it, the order is the plain bottom levels.
   */
  readonly tuneForSlots?: number;
  /**
   * What the tuning charges each child beyond its duration (`SLOT_COST_MS` when not given): 0 when
   * the durations already include each child's orchestration (the app's build-history estimates do).
   */
  readonly slotCostMs?: number;
}

/**
 * Incremental run state of a DependencyGraph. Each package keeps a count of its dependencies not
 * yet completed; an event only touches the package and its direct dependents, so start and
 * nextReady cost O(log n), complete O(out-degree · log n), and fail O(size of what it blocks), never
 * a full recomputation. The tracker works on the graph as it was when the tracker was created.
 */
export class ReadyTracker {
  private readonly g: CompiledGraph;
  private readonly d: TrackerData;
  private readonly missing: Int32Array; // dependencies not completed yet, always exact
  private readonly count = new Int32Array(STATE_NAMES.length);
  // One queue per policy in use, created on first use; both are fed while both exist.
  private cpQueue: ReadyQueue | undefined;
  private fifoQueue: ReadyQueue | undefined;
  /** Critical-path-first priorities by id (bottom levels, or tuned ones), once first needed. */
  private cpPriorities: Float64Array | undefined;
  private readonly tuneForSlots: number | undefined;
  private readonly slotCostMs: number | undefined;

  /**
   * Starts a run: packages without dependencies are ready. Throws CYCLE on a cyclic graph.
   *
   * @param restored - internal: state decoded by `fromJSON`; use `ReadyTracker.fromJSON` instead.
   */
  constructor(
    readonly graph: DependencyGraph,
    options: ReadyTrackerOptions = {},
    restored?: TrackerData,
  ) {
    graph.validate();
    this.tuneForSlots = options.tuneForSlots;
    this.slotCostMs = options.slotCostMs;
    const g = (this.g = graph.snapshot());
    this.missing = new Int32Array(g.n);
    this.d = restored ?? {
      state: new Uint8Array(g.n),
      blocker: new Int32Array(g.n).fill(-1),
      errors: new Map(),
      seq: new Float64Array(g.n),
      nextSeq: 0,
      durations: resolveDurations(g, options.durations),
      newly: [],
    };
    const { state } = this.d;
    for (let v = 0; v < g.n; v++) this.count[state[v]!]!++;
    for (let v = 0; v < g.n; v++) {
      let missing = 0;
      for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++) {
        if (state[g.deps[i]!] !== COMPLETED) missing++;
      }
      this.missing[v] = missing;
      if (!restored && missing === 0) this.markReady(v);
      else if (restored) checkRestored(g, v, state[v]!, missing);
    }
  }

  /** Restores a tracker saved with `toJSON()` (e.g. across continue-as-new) for the same graph. */
  static fromJSON(graph: DependencyGraph, json: unknown): ReadyTracker {
    return new ReadyTracker(graph, {}, decodeTracker(graph.snapshot(), json));
  }

  /** Compact JSON form (see ReadyTrackerJSON). */
  toJSON(): ReadyTrackerJSON {
    return encodeTracker(this.g, this.d);
  }

  /** Marks a ready package as running (use when the caller picks the package itself). */
  start(pkg: string): void {
    this.move(this.expect(pkg, 'start', READY, READY), RUNNING);
  }

  /**
   * Takes the best ready package by `policy`, marks it running and returns it; undefined when
   * nothing is ready. Intended loop: `while (slotsFree && (pkg = tracker.nextReady(policy)))`.
   */
  nextReady(policy: SchedulingPolicy = 'critical-path-first'): string | undefined {
    const queue = this.queue(policy);
    for (let v = queue.pop(); v !== -1; v = queue.pop()) {
      // Entries are removed lazily: a package started by name or failed while queued is skipped.
      if (this.d.state[v] === READY) {
        this.move(v, RUNNING);
        return this.g.names[v];
      }
    }
    return undefined;
  }

  /**
   * Marks a running package completed (or a ready one, for a cache hit that never ran) and
   * returns the dependents that became ready.
   */
  complete(pkg: string): string[] {
    const v = this.expect(pkg, 'complete', RUNNING, READY);
    this.move(v, COMPLETED);
    const { g, missing } = this;
    const ready: string[] = [];
    for (let i = g.dependentStart[v]!, end = g.dependentStart[v + 1]!; i < end; i++) {
      const w = g.dependents[i]!;
      if (--missing[w]! === 0 && this.d.state[w] === PENDING) {
        this.markReady(w);
        ready.push(g.names[w]!);
      }
    }
    return ready;
  }

  /**
   * Marks a running (or ready) package failed and blocks its transitive dependents. Returns the
   * newly blocked ones, each with this package as `blockedBy`; packages already blocked by an
   * earlier failure keep their first blocker and are not repeated.
   */
  fail(pkg: string, error: string): BlockedPackage[] {
    const v = this.expect(pkg, 'fail', RUNNING, READY);
    this.move(v, FAILED);
    this.d.errors.set(v, error);
    const { g } = this;
    const blocked: BlockedPackage[] = [];
    const stack = [v];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let i = g.dependentStart[u]!, end = g.dependentStart[u + 1]!; i < end; i++) {
        const w = g.dependents[i]!;
        if (this.d.state[w] !== PENDING) continue; // already blocked: so is everything after it
        this.move(w, BLOCKED);
        this.d.blocker[w] = v;
        blocked.push({ name: g.names[w]!, blockedBy: pkg });
        stack.push(w);
      }
    }
    return blocked;
  }

  /**
   * Re-opens failed and blocked packages for another attempt, keeping completed ones: they become
   * pending, or ready if their dependencies are complete. Without `only`, every failed and blocked
   * package; with `only` (failed packages), just those and the packages they block — a dependent
   * that another, still failed package also blocks stays blocked, by that one. Returns the
   * re-opened packages. Throws INVALID_STATE when a package of `only` is not failed.
   */
  retryFailed(only?: readonly string[]): string[] {
    const { g, d } = this;
    const reopened: number[] = [];
    if (only === undefined) {
      for (let v = 0; v < g.n; v++) {
        if (d.state[v] === FAILED || d.state[v] === BLOCKED) reopened.push(v);
      }
    } else {
      const stack = only.map((pkg) => this.expect(pkg, 'retry', FAILED, FAILED));
      const seen = new Set(stack);
      reopened.push(...stack);
      // Everything a retried package blocks lies downstream of it.
      while (stack.length > 0) {
        const u = stack.pop()!;
        for (let i = g.dependentStart[u]!, end = g.dependentStart[u + 1]!; i < end; i++) {
          const w = g.dependents[i]!;
          if (d.state[w] !== BLOCKED || seen.has(w)) continue;
          seen.add(w);
          reopened.push(w);
          stack.push(w);
        }
      }
    }
    for (const v of reopened) {
      this.move(v, PENDING);
      d.blocker[v] = -1;
      d.errors.delete(v);
    }
    if (only !== undefined) this.reblock();
    // Rebuilt on demand: stale entries of failed packages must not resurface with new sequence numbers.
    this.cpQueue = this.fifoQueue = undefined;
    for (const v of reopened) if (d.state[v] === PENDING && this.missing[v] === 0) this.markReady(v);
    return reopened.filter((v) => d.state[v] !== BLOCKED).map((v) => g.names[v]!);
  }

  /** Blocks again the pending dependents of the packages still failed (after a partial retry). */
  private reblock(): void {
    const { g, d } = this;
    for (let v = 0; v < g.n; v++) {
      if (d.state[v] !== FAILED) continue;
      const stack = [v];
      while (stack.length > 0) {
        const u = stack.pop()!;
        for (let i = g.dependentStart[u]!, end = g.dependentStart[u + 1]!; i < end; i++) {
          const w = g.dependents[i]!;
          if (d.state[w] !== PENDING) continue;
          this.move(w, BLOCKED);
          d.blocker[w] = v;
          stack.push(w);
        }
      }
    }
  }

  /** Packages that became ready since the last call and are still ready (for dashboards and event streams). */
  newlyReady(): string[] {
    const names = this.d.newly.filter((v) => this.d.state[v] === READY).map((v) => this.g.names[v]!);
    this.d.newly = [];
    return names;
  }

  /**
   * Fixes the critical-path-first order now (tuned, when asked to, for the run as it stands), instead
   * of when a package is first taken or a priority first read. A workflow calls it at a fixed point
   * of its run, so a query answered earlier cannot be the one that computes it.
   */
  prepareOrder(): void {
    this.order();
  }

  /**
   * A package's critical-path-first priority (higher starts first): its bottom level, or the tuned
   * priority when the tracker was asked to tune.
   */
  priorityOf(pkg: string): number {
    return this.order()[this.id(pkg)]!;
  }

  /** Current state of a package. */
  stateOf(pkg: string): PackageState {
    return STATE_NAMES[this.d.state[this.id(pkg)]!]!;
  }

  /** Error text of a failed package, else undefined. */
  errorOf(pkg: string): string | undefined {
    return this.d.errors.get(this.id(pkg));
  }

  /** The failed package blocking a blocked package, else undefined. */
  blockerOf(pkg: string): string | undefined {
    const b = this.d.blocker[this.id(pkg)]!;
    return b === -1 ? undefined : this.g.names[b];
  }

  /** Number of packages in each state, O(1). */
  counts(): Record<PackageState, number> {
    return Object.fromEntries(STATE_NAMES.map((name, code) => [name, this.count[code]!])) as Record<
      PackageState,
      number
    >;
  }

  /** True when nothing is ready or running: the run is over (successful or not). */
  isFinished(): boolean {
    return this.count[READY] === 0 && this.count[RUNNING] === 0;
  }

  /** Every package, grouped by state. O(V). */
  snapshot(): TrackerSnapshot {
    return snapshotOf(this.g, this.d);
  }

  private markReady(v: number): void {
    this.move(v, READY);
    this.d.seq[v] = this.d.nextSeq++;
    this.d.newly.push(v);
    this.cpQueue?.push(v);
    this.fifoQueue?.push(v);
  }

  private move(v: number, to: number): void {
    this.count[this.d.state[v]!]!--;
    this.count[to]!++;
    this.d.state[v] = to;
  }

  private queue(policy: SchedulingPolicy): ReadyQueue {
    const existing = policy === 'fifo' ? this.fifoQueue : this.cpQueue;
    if (existing) return existing;
    const queue = new ReadyQueue(
      policy,
      this.d.seq,
      policy === 'critical-path-first' ? this.order() : undefined,
    );
    for (let v = 0; v < this.g.n; v++) if (this.d.state[v] === READY) queue.push(v);
    if (policy === 'fifo') this.fifoQueue = queue;
    else this.cpQueue = queue;
    return queue;
  }

  /** The critical-path-first priorities by id, computed once, on first need. */
  private order(): Float64Array {
    return (this.cpPriorities ??= this.criticalPathPriorities());
  }

  /** The restored or tuned priorities, else the bottom levels (tuned first when asked to). */
  private criticalPathPriorities(): Float64Array {
    if (this.d.priorities) return this.d.priorities;
    // The constructor validated the graph, so the order exists.
    const levels = bottomLevelArrays(this.g, topologicalOrder(this.g)!, this.d.durations).level;
    if (this.tuneForSlots === undefined) return levels;
    const { g, d } = this;
    const skip = new Uint8Array(g.n);
    const done = new Uint8Array(g.n);
    const inFlight: RunningAtStart[] = [];
    for (let v = 0; v < g.n; v++) {
      const s = d.state[v]!;
      if (s === RUNNING) inFlight.push({ id: v, remaining: d.durations[v]! });
      else if (s !== PENDING && s !== READY) skip[v] = 1;
      if (s === COMPLETED) done[v] = 1;
    }
    const state = { skip, done, inFlight };
    d.priorities = tunePriorities(g, d.durations, levels, this.tuneForSlots, state, this.slotCostMs);
    return d.priorities;
  }

  private id(pkg: string): number {
    const v = this.g.index.get(pkg);
    if (v === undefined || v >= this.g.n) throw unknownPackageError(pkg);
    return v;
  }

  /** Id of `pkg`, which must be in state `a` or `b` (two fixed parameters: no array per event). */
  private expect(pkg: string, action: string, a: number, b: number): number {
    const v = this.id(pkg);
    const s = this.d.state[v]!;
    if (s !== a && s !== b) {
      const want = a === b ? STATE_NAMES[a] : `${STATE_NAMES[a]} or ${STATE_NAMES[b]}`;
      throw new GraphError(
        'INVALID_STATE',
        `Cannot ${action} "${pkg}": it is ${STATE_NAMES[s]}, expected ${want}`,
        {
          pkg,
        },
      );
    }
    return v;
  }
}
