import { DependencyGraph } from './dependency-graph';
import { GraphError } from './graph-error';
import type { PackageSpec } from './types';

/**
 * The numbers of a finished (or running) package build, computed once for the report, the run
 * dashboard and the metrics page: per-package status, duration and attempts; the critical path;
 * the makespan against its lower bound max(critical path, work / N); concurrency utilisation
 * (in-flight / N over time: average, max, p95); totals. Pure: every time is a number of ms the
 * caller passes in (workflow time or history event times), nothing reads a clock.
 */

/** How one attempt of a package ended (`running`: not yet). `skipped`: the package has no such script. */
export type AttemptOutcome = 'completed' | 'failed' | 'skipped' | 'cancelled' | 'running';

/** One build attempt of a package (one child workflow). */
export interface RunAttempt {
  readonly name: string;
  /** 1 for the first attempt. @default its position among the package's attempts */
  readonly attempt?: number;
  readonly outcome: AttemptOutcome;
  /** Start, ms since the epoch. Without start and finish only the average utilisation is known. */
  readonly startedAtMs?: number;
  /** End, ms since the epoch; a running attempt ends at `RunSummaryInput.nowMs`. */
  readonly finishedAtMs?: number;
  /** Duration when start and finish are unknown (e.g. a result reused from an earlier run). */
  readonly durationMs?: number;
  readonly error?: string;
  readonly logPath?: string;
}

/** What `summarizeRun` reads. */
export interface RunSummaryInput {
  /** Every package of the graph; `dependencies` give the critical path (without them it is the longest package). */
  readonly packages: readonly PackageSpec[];
  /** N: the most children allowed in flight at once. */
  readonly slots: number;
  /** Every attempt, in any order. */
  readonly attempts: readonly RunAttempt[];
  /** Packages not built because a dependency failed, with the package that blocks each. */
  readonly blocked?: ReadonlyArray<{ readonly name: string; readonly blockedBy: string }>;
  /** Start of the run; default: the first attempt's start. */
  readonly startedAtMs?: number;
  /** End of the run; default: the last attempt's end. */
  readonly finishedAtMs?: number;
  /** "Now", the end of running attempts; default: `finishedAtMs`, else the latest time known. */
  readonly nowMs?: number;
}

/** Where a package stands at the end of the summarised window. */
export type PackageRunStatus = AttemptOutcome | 'blocked' | 'pending';

export interface PackageSummary {
  readonly name: string;
  /** The outcome of its last attempt, else `blocked` or `pending`. */
  readonly status: PackageRunStatus;
  /** Time spent building it, all attempts together (ms). */
  readonly durationMs: number;
  readonly attempts: number;
  readonly blockedBy?: string;
  readonly error?: string;
  /** Log of the last attempt. */
  readonly logPath?: string;
}

/** In-flight children / N over the run, time-weighted. */
export interface Utilisation {
  /** Time-weighted mean (= work / (N × makespan)). */
  readonly average: number;
  /** Highest value reached; undefined without attempt times. */
  readonly max?: number;
  /** The value the run stayed at or under 95 % of the time; undefined without attempt times. */
  readonly p95?: number;
}

export interface RunSummary {
  /** Every package of the graph, in the order given. */
  readonly packages: readonly PackageSummary[];
  /** The longest chain of dependencies weighted by the time each package took (ms). */
  readonly criticalPath: { readonly path: readonly string[]; readonly lengthMs: number };
  /** N, as given. */
  readonly slots: number;
  /** Sum of every attempt's duration (ms). */
  readonly workMs: number;
  /** From the run's start to its end (ms); undefined when no times are known. */
  readonly makespanMs?: number;
  /** max(critical path, work / N): no schedule on N slots can finish sooner (ms). */
  readonly lowerBoundMs: number;
  /** lowerBound / makespan, 1 for an optimal run; undefined without a makespan. */
  readonly efficiency?: number;
  readonly utilisation?: Utilisation;
  readonly totals: {
    readonly packages: number;
    readonly completed: number;
    readonly failed: number;
    readonly skipped: number;
    readonly cancelled: number;
    readonly running: number;
    readonly blocked: number;
    readonly pending: number;
    readonly attempts: number;
    /** Attempts beyond each package's first. */
    readonly retries: number;
  };
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Computes the summary. Throws INVALID_ARGUMENT for a slot count < 1 or an attempt of an unknown package. */
export function summarizeRun(input: RunSummaryInput): RunSummary {
  const { slots } = input;
  if (!Number.isInteger(slots) || slots < 1)
    throw new GraphError('INVALID_ARGUMENT', `slots must be an integer >= 1, got ${String(slots)}`);
  const names = new Set(input.packages.map((p) => p.name));
  const byPackage = new Map<string, RunAttempt[]>();
  for (const a of input.attempts) {
    if (!names.has(a.name))
      throw new GraphError('INVALID_ARGUMENT', `attempt of unknown package "${a.name}"`, { pkg: a.name });
    const list = byPackage.get(a.name);
    if (list) list.push(a);
    else byPackage.set(a.name, [a]);
  }
  for (const list of byPackage.values()) list.sort((a, b) => (a.attempt ?? 0) - (b.attempt ?? 0));

  const times = input.attempts.flatMap((a) => [a.startedAtMs, a.finishedAtMs]).filter(isTime);
  const nowMs = input.nowMs ?? input.finishedAtMs ?? (times.length > 0 ? Math.max(...times) : undefined);
  const intervals: Interval[] = [];
  const durationOf = (a: RunAttempt): number => {
    const end = a.finishedAtMs ?? (a.outcome === 'running' ? nowMs : undefined);
    if (isTime(a.startedAtMs) && isTime(end)) {
      intervals.push({ start: a.startedAtMs, end: Math.max(a.startedAtMs, end) });
      return Math.max(0, end - a.startedAtMs);
    }
    return isTime(a.durationMs) ? Math.max(0, a.durationMs) : 0;
  };

  const blockedBy = new Map((input.blocked ?? []).map((b) => [b.name, b.blockedBy]));
  const durations: Record<string, number> = {};
  let workMs = 0;
  let retries = 0;
  const packages = input.packages.map((pkg): PackageSummary => {
    const attempts = byPackage.get(pkg.name) ?? [];
    const durationMs = attempts.reduce((sum, a) => sum + durationOf(a), 0);
    durations[pkg.name] = durationMs;
    workMs += durationMs;
    retries += Math.max(0, attempts.length - 1);
    const last = attempts.at(-1);
    const blocker = blockedBy.get(pkg.name);
    const status: PackageRunStatus = last?.outcome ?? (blocker !== undefined ? 'blocked' : 'pending');
    return {
      name: pkg.name,
      status,
      durationMs,
      attempts: attempts.length,
      ...(blocker !== undefined && last === undefined && { blockedBy: blocker }),
      ...(last?.error !== undefined && { error: last.error }),
      ...(last?.logPath !== undefined && { logPath: last.logPath }),
    };
  });

  const graph = DependencyGraph.fromPackages(input.packages);
  const critical = graph.criticalPath(durations);
  const lowerBoundMs = Math.max(critical.length, workMs / slots);
  const start =
    input.startedAtMs ?? (intervals.length > 0 ? Math.min(...intervals.map((i) => i.start)) : undefined);
  const end = input.finishedAtMs ?? (intervals.length > 0 ? Math.max(...intervals.map((i) => i.end)) : nowMs);
  const makespanMs = isTime(start) && isTime(end) ? Math.max(0, end - start) : undefined;

  const count = (status: PackageRunStatus): number => packages.filter((p) => p.status === status).length;
  return {
    packages,
    criticalPath: { path: critical.path, lengthMs: critical.length },
    slots,
    workMs,
    ...(makespanMs !== undefined && { makespanMs }),
    lowerBoundMs,
    ...(makespanMs !== undefined && makespanMs > 0 && { efficiency: Math.min(1, lowerBoundMs / makespanMs) }),
    ...(makespanMs !== undefined &&
      makespanMs > 0 && {
        utilisation: utilisation(
          intervals,
          intervals.length === input.attempts.length,
          workMs,
          slots,
          start!,
          makespanMs,
        ),
      }),
    totals: {
      packages: packages.length,
      completed: count('completed'),
      failed: count('failed'),
      skipped: count('skipped'),
      cancelled: count('cancelled'),
      running: count('running'),
      blocked: count('blocked'),
      pending: count('pending'),
      attempts: input.attempts.length,
      retries,
    },
  };
}

/**
 * In-flight / N as a step function over [start, start + makespan): a sweep over the attempts'
 * starts and ends. The average is work / (N × makespan) whether or not times are known; max and
 * p95 need every attempt's interval (`timed`).
 */
function utilisation(
  intervals: readonly Interval[],
  timed: boolean,
  workMs: number,
  slots: number,
  start: number,
  makespanMs: number,
): Utilisation {
  const average = workMs / (slots * makespanMs);
  if (!timed) return { average };
  const end = start + makespanMs;
  const changes = new Map<number, number>();
  for (const { start: s, end: e } of intervals) {
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (to <= from) continue;
    changes.set(from, (changes.get(from) ?? 0) + 1);
    changes.set(to, (changes.get(to) ?? 0) - 1);
  }
  const points = [...changes.keys()].sort((a, b) => a - b);
  const timeAt = new Map<number, number>(); // in-flight count → ms spent at it
  let inFlight = 0;
  let t = start;
  let max = 0;
  for (const p of points) {
    if (p > t) timeAt.set(inFlight, (timeAt.get(inFlight) ?? 0) + (p - t));
    inFlight += changes.get(p)!;
    t = p;
    if (inFlight > max) max = inFlight;
  }
  if (end > t) timeAt.set(inFlight, (timeAt.get(inFlight) ?? 0) + (end - t));
  let acc = 0;
  let p95 = 0;
  for (const level of [...timeAt.keys()].sort((a, b) => a - b)) {
    acc += timeAt.get(level)!;
    p95 = level;
    if (acc >= 0.95 * makespanMs) break;
  }
  return { average, max: max / slots, p95: p95 / slots };
}

function isTime(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
