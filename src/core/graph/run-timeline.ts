import { GraphError } from './graph-error';
import { summarizeRun, type RunAttempt, type RunSummary } from './run-summary';
import type { PackageSpec } from './types';

/**
 * The time series of a run, for its charts (concurrency over time, the Gantt of packages) and
 * the why-was-it-slow panel, computed once here so every view shows the same numbers. Pure: every
 * time is ms the caller passes in (the parent's history event times), nothing reads a clock.
 *
 * A package's row has three kinds of segment:
 * - waiting on dependencies: from the run's start until its last dependency completed (its
 *   ready time; a dependency reused from an earlier run is done at the start);
 * - waiting for a slot: from its ready time until its first build started (this includes the
 *   workflow's own reaction time, a few ms when a slot is free);
 * - building: each attempt, from its child's start to its close.
 * The gap between a failed attempt and its retry (the retry window) is no segment.
 */

/** A span of time, ms since the epoch. */
export interface TimeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** One build attempt of a package on the timeline. */
export interface BuildSegment extends TimeSpan {
  readonly attempt: number;
  readonly outcome: RunAttempt['outcome'];
}

/** One package's row of the Gantt. */
export interface PackageTimeline {
  readonly name: string;
  /** From the run's start to its ready time (or to the end while it never became ready). */
  readonly waitingOnDependencies?: TimeSpan;
  /** From its ready time to its first build's start (or to the end while it never started). */
  readonly waitingForSlot?: TimeSpan;
  readonly builds: readonly BuildSegment[];
  /** When its last dependency completed; undefined while one has not. */
  readonly readyAtMs?: number;
}

/**
 * In-flight builds as a step function: `inFlight[i]` holds from `timesMs[i]` until `timesMs[i + 1]`;
 * the last point is the window's end, with the counts that held up to it.
 */
export interface ConcurrencySeries {
  readonly timesMs: readonly number[];
  readonly inFlight: readonly number[];
  /** Packages ready but not started, on the same steps. */
  readonly waitingForSlot: readonly number[];
}

/** Why the run took as long as it did. */
export interface SlownessReport {
  /** Busy slot time / (N × makespan), 0…1. */
  readonly slotUtilisation: number;
  /** N × makespan − busy slot time (ms). */
  readonly idleSlotMs: number;
  /**
   * Idle slot time while a package of the critical path was building and nothing was ready to
   * start: slots the critical chain kept empty (ms).
   */
  readonly idleOnCriticalPathMs: number;
  /** Idle slot time while nothing at all was ready to start: every idle slot waited on dependencies (ms). */
  readonly idleWaitingOnDependenciesMs: number;
  /** The slowest packages by build time (all attempts), slowest first, at most ten. */
  readonly slowest: ReadonlyArray<{ readonly name: string; readonly durationMs: number }>;
  /** The critical path (weighted by the real build times) and its length (ms). */
  readonly criticalPath: { readonly path: readonly string[]; readonly lengthMs: number };
  /** criticalPath.lengthMs / makespan, 0…1 (0 for an empty run). */
  readonly criticalPathShare: number;
  readonly makespanMs: number;
}

/** What `runTimeline` reads. */
export interface RunTimelineInput {
  /** Every package of the graph with its dependencies. */
  readonly packages: readonly PackageSpec[];
  /** N: the most builds allowed at once. */
  readonly slots: number;
  /** Every build attempt with its start (and end once closed); attempts without a start are left out. */
  readonly attempts: readonly RunAttempt[];
  /** Packages reused from an earlier run (done at the start, never built). */
  readonly reused?: readonly string[];
  /** Start of the run (ms). */
  readonly startedAtMs: number;
  /** End of the window: the run's end once finished, else now. Open builds end here. */
  readonly endMs: number;
}

/** The charts' data and the why-was-it-slow numbers of a run. */
export interface RunTimeline {
  readonly startMs: number;
  readonly endMs: number;
  readonly slots: number;
  /** Every package, in the order given. */
  readonly packages: readonly PackageTimeline[];
  readonly concurrency: ConcurrencySeries;
  readonly slowness: SlownessReport;
  /** The shared run summary of the same attempts (critical path, work, lower bound, utilisation). */
  readonly summary: RunSummary;
}

/**
 * Computes the timeline. Throws INVALID_ARGUMENT for a slot count < 1, an end before the start,
 * or an attempt of an unknown package.
 */
export function runTimeline(input: RunTimelineInput): RunTimeline {
  const { slots, startedAtMs: startMs } = input;
  if (!Number.isFinite(startMs) || !Number.isFinite(input.endMs) || input.endMs < startMs)
    throw new GraphError(
      'INVALID_ARGUMENT',
      `the run's end (${String(input.endMs)}) must be a time at or after its start (${String(startMs)})`,
    );
  const endMs = input.endMs;
  const timed = input.attempts.filter((a) => isTime(a.startedAtMs));
  const summary = summarizeRun({
    packages: input.packages,
    slots,
    attempts: timed,
    startedAtMs: startMs,
    finishedAtMs: endMs,
    nowMs: endMs,
  });

  const clamp = (t: number): number => Math.min(endMs, Math.max(startMs, t));
  const builds = new Map<string, BuildSegment[]>();
  for (const a of timed) {
    const segment: BuildSegment = {
      attempt: a.attempt ?? (builds.get(a.name)?.length ?? 0) + 1,
      outcome: a.outcome,
      startMs: clamp(a.startedAtMs!),
      endMs: clamp(isTime(a.finishedAtMs) ? a.finishedAtMs : endMs),
    };
    const list = builds.get(a.name);
    if (list) list.push(segment);
    else builds.set(a.name, [segment]);
  }
  for (const list of builds.values()) list.sort((a, b) => a.attempt - b.attempt || a.startMs - b.startMs);

  // A package is done when an attempt completed (or it was reused): its dependents may be ready then.
  const reusedNames = new Set(input.reused ?? []);
  const doneAt = new Map<string, number>();
  for (const name of reusedNames) doneAt.set(name, startMs);
  for (const [name, list] of builds) {
    const completed = list.find((b) => b.outcome === 'completed' || b.outcome === 'skipped');
    if (completed) doneAt.set(name, completed.endMs);
  }

  const packages = input.packages.map((pkg): PackageTimeline => {
    const own = builds.get(pkg.name) ?? [];
    const reused = reusedNames.has(pkg.name);
    let readyAtMs: number | undefined = startMs;
    for (const dep of pkg.dependencies ?? []) {
      const done = doneAt.get(typeof dep === 'string' ? dep : dep.name);
      if (done === undefined) {
        readyAtMs = undefined;
        break;
      }
      readyAtMs = Math.max(readyAtMs, done);
    }
    const firstStart = own[0]?.startMs;
    // A build that started before every dependency was seen done (a dependency whose close fell
    // outside the window): it was ready when it started.
    if (firstStart !== undefined && (readyAtMs === undefined || readyAtMs > firstStart))
      readyAtMs = firstStart;
    if (reused) return { name: pkg.name, builds: own, readyAtMs: startMs };
    const depsEnd = readyAtMs ?? endMs;
    const slotEnd = firstStart ?? endMs;
    return {
      name: pkg.name,
      ...(depsEnd > startMs && { waitingOnDependencies: { startMs, endMs: depsEnd } }),
      ...(readyAtMs !== undefined &&
        slotEnd > readyAtMs && { waitingForSlot: { startMs: readyAtMs, endMs: slotEnd } }),
      builds: own,
      ...(readyAtMs !== undefined && { readyAtMs }),
    };
  });

  const concurrency = concurrencySeries(packages, startMs, endMs);
  const slowness = slownessOf(packages, concurrency, summary, slots, startMs, endMs);
  return { startMs, endMs, slots, packages, concurrency, slowness, summary };
}

/** Sweeps the build and slot-wait segments into steps of in-flight and waiting counts. */
function concurrencySeries(
  packages: readonly PackageTimeline[],
  startMs: number,
  endMs: number,
): ConcurrencySeries {
  const changes = new Map<number, { build: number; wait: number }>();
  const add = (t: number, build: number, wait: number): void => {
    const c = changes.get(t) ?? { build: 0, wait: 0 };
    c.build += build;
    c.wait += wait;
    changes.set(t, c);
  };
  for (const p of packages) {
    for (const b of p.builds) {
      if (b.endMs <= b.startMs) continue;
      add(b.startMs, 1, 0);
      add(b.endMs, -1, 0);
    }
    const w = p.waitingForSlot;
    if (w && w.endMs > w.startMs) {
      add(w.startMs, 0, 1);
      add(w.endMs, 0, -1);
    }
  }
  changes.set(startMs, changes.get(startMs) ?? { build: 0, wait: 0 });
  const timesMs: number[] = [];
  const inFlight: number[] = [];
  const waitingForSlot: number[] = [];
  let building = 0;
  let waiting = 0;
  // Changes at the window's end are left out: the last point holds the counts up to it (a live
  // run's open builds still count as in flight now).
  for (const t of [...changes.keys()].filter((t) => t < endMs || t === startMs).sort((a, b) => a - b)) {
    const c = changes.get(t)!;
    building += c.build;
    waiting += c.wait;
    // Only steps that change a count (several packages may start and end at the same time).
    if (timesMs.length > 0 && inFlight.at(-1) === building && waitingForSlot.at(-1) === waiting) continue;
    timesMs.push(t);
    inFlight.push(building);
    waitingForSlot.push(waiting);
  }
  if (timesMs.at(-1)! < endMs) {
    timesMs.push(endMs);
    inFlight.push(building);
    waitingForSlot.push(waiting);
  }
  return { timesMs, inFlight, waitingForSlot };
}

function slownessOf(
  packages: readonly PackageTimeline[],
  series: ConcurrencySeries,
  summary: RunSummary,
  slots: number,
  startMs: number,
  endMs: number,
): SlownessReport {
  const makespanMs = endMs - startMs;
  const critical = new Set(summary.criticalPath.path);
  const criticalBuilds = packages.filter((p) => critical.has(p.name)).flatMap((p) => p.builds);
  // The critical builds' union as sorted disjoint spans (a chain: they barely overlap), walked
  // with a pointer since the steps come in time order.
  const union: Array<[number, number]> = [];
  for (const b of criticalBuilds.filter((b) => b.endMs > b.startMs).sort((a, b) => a.startMs - b.startMs)) {
    const last = union.at(-1);
    if (last && b.startMs <= last[1]) last[1] = Math.max(last[1], b.endMs);
    else union.push([b.startMs, b.endMs]);
  }
  let next = 0;
  const onCritical = (from: number, to: number): number => {
    while (next < union.length && union[next]![1] <= from) next++;
    let overlap = 0;
    for (let k = next; k < union.length && union[k]![0] < to; k++)
      overlap += Math.min(to, union[k]![1]) - Math.max(from, union[k]![0]);
    return overlap;
  };

  let busyMs = 0;
  let idleOnCriticalPathMs = 0;
  let idleWaitingOnDependenciesMs = 0;
  const { timesMs, inFlight, waitingForSlot } = series;
  for (let i = 0; i + 1 < timesMs.length; i++) {
    const from = timesMs[i]!;
    const to = timesMs[i + 1]!;
    const running = inFlight[i]!;
    busyMs += running * (to - from);
    const idle = Math.max(0, slots - running);
    if (idle === 0 || waitingForSlot[i]! > 0) continue;
    idleWaitingOnDependenciesMs += idle * (to - from);
    idleOnCriticalPathMs += idle * onCritical(from, to);
  }
  const slowest = summary.packages
    .filter((p) => p.durationMs > 0)
    .map((p) => ({ name: p.name, durationMs: p.durationMs }))
    .sort((a, b) => b.durationMs - a.durationMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, 10);
  return {
    slotUtilisation: makespanMs > 0 ? busyMs / (slots * makespanMs) : 0,
    idleSlotMs: Math.max(0, slots * makespanMs - busyMs),
    idleOnCriticalPathMs,
    idleWaitingOnDependenciesMs,
    slowest,
    criticalPath: summary.criticalPath,
    criticalPathShare: makespanMs > 0 ? Math.min(1, summary.criticalPath.lengthMs / makespanMs) : 0,
    makespanMs,
  };
}

function isTime(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
