import { bottomLevelArrays } from './critical-path';
import type { DependencyGraph } from './dependency-graph';
import { resolveDurations } from './durations';
import { GraphError } from './graph-error';
import type { RunningAtStart } from './list-schedule';
import { checkSlots, listSchedule } from './list-schedule';
import { topologicalOrder } from './topo-sort';
import type { DurationInput, SchedulingPolicy } from './types';

/** One package of a simulated schedule. */
export interface ScheduledPackage {
  /** Package name. */
  readonly name: string;
  /** Simulated start time (ms from the start of the run). */
  readonly start: number;
  /** Simulated finish time (ms from the start of the run). */
  readonly finish: number;
}

/** Outcome of `simulateSchedule`. */
export interface SimulationResult {
  /** Simulated duration of the whole run (ms). */
  readonly makespan: number;
  /** max(critical path, total work / slots): no schedule on `slots` slots can be shorter. */
  readonly lowerBound: number;
  /** Length of the critical path (ms). */
  readonly criticalPath: number;
  /** Sum of all durations (ms). */
  readonly totalWork: number;
  /** makespan / lowerBound (1 when both are 0): how far from optimal the policy can be at most. */
  readonly ratio: number;
  /** Every package with its simulated times, in start order. */
  readonly schedule: readonly ScheduledPackage[];
}

/**
 * Simulates a whole run on `slots` parallel slots with the given policy (list scheduling) and
 * reports the makespan next to the lower bound max(critical path, total / slots). Durations in ms;
 * missing ones fall back to the declared estimate, else 1. Throws CYCLE on a cyclic graph.
 */
export function simulateSchedule(
  graph: DependencyGraph,
  durations: DurationInput | undefined,
  slots: number,
  policy: SchedulingPolicy = 'critical-path-first',
): SimulationResult {
  checkSlots(slots);
  graph.validate();
  const g = graph.snapshot();
  const dur = resolveDurations(g, durations);
  const { level } = bottomLevelArrays(g, topologicalOrder(g)!, dur);
  const none = new Uint8Array(g.n);
  const run = listSchedule(g, dur, slots, policy, level, none, none, []);
  let totalWork = 0;
  let criticalPath = 0;
  for (let v = 0; v < g.n; v++) {
    totalWork += dur[v]!;
    if (level[v]! > criticalPath) criticalPath = level[v]!;
  }
  const lowerBound = Math.max(criticalPath, totalWork / slots);
  return {
    makespan: run.makespan,
    lowerBound,
    criticalPath,
    totalWork,
    ratio: lowerBound === 0 ? 1 : run.makespan / lowerBound,
    schedule: Array.from(run.started, (v) => ({
      name: g.names[v]!,
      start: run.start[v]!,
      finish: run.finish[v]!,
    })),
  };
}

/** A package running right now and how long it has been running (ms). */
export interface InFlightPackage {
  /** Package name. */
  readonly name: string;
  /** Time since it started (ms), measured by the caller (e.g. `workflow.now()`; the engine reads no clock). */
  readonly elapsedMs: number;
}

/** What else is known about a run in progress. */
export interface CompletionOptions {
  /** Packages already completed. */
  readonly completed?: Iterable<string>;
  /** Packages that will not run (failed, blocked, cancelled); their dependents will not run either. */
  readonly excluded?: Iterable<string>;
  /** Scheduling policy of the run; default critical-path-first. */
  readonly policy?: SchedulingPolicy;
}

/** Outcome of `estimateCompletion`, all in ms from now. */
export interface CompletionEstimate {
  /** Simulated time until the last remaining package finishes: the ETA is now + this. */
  readonly remainingMs: number;
  /** No schedule can finish sooner: max(remaining critical path, remaining work / slots). */
  readonly lowerBoundMs: number;
  /** Longest remaining chain of work. */
  readonly criticalPathMs: number;
  /** Sum of all remaining work. */
  readonly remainingWorkMs: number;
}

/**
 * ETA of a run: simulates the rest of it. In-flight packages keep their slots for
 * max(0, estimate − elapsed) — an overrunning package is assumed about to finish, so the ETA never
 * counts time already spent twice; completed packages cost nothing; excluded ones (and everything
 * depending on them) never run. O((V + E) log V).
 */
export function estimateCompletion(
  graph: DependencyGraph,
  durations: DurationInput | undefined,
  slots: number,
  inFlight: readonly InFlightPackage[] = [],
  options: CompletionOptions = {},
): CompletionEstimate {
  checkSlots(slots);
  graph.validate();
  const g = graph.snapshot();
  const order = topologicalOrder(g)!;
  const dur = resolveDurations(g, durations);
  const done = new Uint8Array(g.n);
  const skip = new Uint8Array(g.n);
  for (const name of options.completed ?? []) done[graph.idOf(name)] = skip[graph.idOf(name)] = 1;
  for (const name of options.excluded ?? []) skip[graph.idOf(name)] = 1;
  const running: RunningAtStart[] = [];
  for (const { name, elapsedMs } of inFlight) {
    const id = graph.idOf(name);
    if (skip[id] || !(elapsedMs >= 0)) {
      throw new GraphError(
        'INVALID_ARGUMENT',
        `In-flight package "${name}" is also completed/excluded or has a bad elapsed time`,
        { pkg: name },
      );
    }
    running.push({ id, remaining: Math.max(0, dur[id]! - elapsedMs) });
    dur[id] = running[running.length - 1]!.remaining;
  }
  // Remaining work only: done packages cost 0, and so does everything downstream of an exclusion.
  for (const v of order) {
    if (done[v]) dur[v] = 0;
    for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end && !done[v]; i++) {
      const u = g.deps[i]!;
      if (skip[u] && !done[u]) skip[v] = 1;
    }
    if (skip[v] && !done[v]) dur[v] = 0;
  }
  const { level } = bottomLevelArrays(g, order, dur);
  const run = listSchedule(
    g,
    dur,
    slots,
    options.policy ?? 'critical-path-first',
    level,
    skip,
    done,
    running,
  );
  let remainingWorkMs = 0;
  let criticalPathMs = 0;
  for (let v = 0; v < g.n; v++) {
    remainingWorkMs += dur[v]!;
    if (level[v]! > criticalPathMs) criticalPathMs = level[v]!;
  }
  return {
    remainingMs: run.makespan,
    lowerBoundMs: Math.max(criticalPathMs, remainingWorkMs / slots),
    criticalPathMs,
    remainingWorkMs,
  };
}
