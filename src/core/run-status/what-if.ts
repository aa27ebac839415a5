import type { DependencyGraph } from '../graph/dependency-graph';
import { simulateSchedule } from '../graph/schedule-simulation';
import type { DurationInput, SchedulingPolicy } from '../graph/types';

/** One row of the what-if table: the predicted makespan on `slots` slots and its lower bound. */
export interface WhatIfRow {
  slots: number;
  makespanMs: number;
  lowerBoundMs: number;
}

/** Predicted makespans for 1…maxSlots slots and where more slots stop helping. */
export interface WhatIf {
  rows: WhatIfRow[];
  /** The fewest slots whose makespan is within `tolerance` of the best one. */
  saturationSlots: number;
}

/**
 * What-if for concurrency: simulates the whole run (list scheduling with the run's policy, history
 * durations, else estimates) at every slot count from 1 to `maxSlots`. `tolerance` is the share
 * of the best makespan that counts as "no better" (2 %: more slots buy less than that).
 */
export function whatIfConcurrency(
  graph: DependencyGraph,
  durations: DurationInput | undefined,
  options: { maxSlots?: number; policy?: SchedulingPolicy; tolerance?: number } = {},
): WhatIf {
  const maxSlots = options.maxSlots ?? 16;
  const rows: WhatIfRow[] = [];
  for (let slots = 1; slots <= maxSlots; slots++) {
    const r = simulateSchedule(graph, durations, slots, options.policy);
    rows.push({ slots, makespanMs: r.makespan, lowerBoundMs: r.lowerBound });
  }
  const best = Math.min(...rows.map((r) => r.makespanMs));
  const limit = best * (1 + (options.tolerance ?? 0.02));
  const saturation = rows.find((r) => r.makespanMs <= limit);
  return { rows, saturationSlots: saturation?.slots ?? maxSlots };
}

/** After a run: what the what-if predicted at its N against what happened. */
export interface PredictedVsActual {
  slots: number;
  /** The what-if's prediction (history durations, else estimates) at the run's N (ms). */
  predictedMs: number;
  /** The same simulation fed this run's own build times: what a perfect scheduler would have made of them (ms). */
  replayedMs: number;
  /** Start to end of the run's package loop (ms). */
  actualMs: number;
  /** (actual − predicted) / predicted: how far off the prediction was (0.1 = 10 % slower). */
  error: number;
  /** actual − replayed: time lost to anything but build times (scheduling, workers, the server) (ms). */
  overheadMs: number;
}

/**
 * Compares a finished run with its prediction: the simulation at the run's N with the
 * estimates it ran with, the same simulation replayed with the build times the run measured
 * (`actualDurations`; packages without one keep their estimate), and the makespan it took.
 */
export function predictedVsActual(
  graph: DependencyGraph,
  estimates: DurationInput | undefined,
  actualDurations: DurationInput,
  slots: number,
  actualMs: number,
  policy?: SchedulingPolicy,
): PredictedVsActual {
  const predictedMs = simulateSchedule(graph, estimates, slots, policy).makespan;
  const merged = new Map<string, number>(
    estimates instanceof Map ? estimates : Object.entries(estimates ?? {}),
  );
  for (const [name, ms] of actualDurations instanceof Map ? actualDurations : Object.entries(actualDurations))
    merged.set(name, ms);
  const replayedMs = simulateSchedule(graph, merged, slots, policy).makespan;
  return {
    slots,
    predictedMs,
    replayedMs,
    actualMs,
    error: predictedMs > 0 ? (actualMs - predictedMs) / predictedMs : 0,
    overheadMs: actualMs - replayedMs,
  };
}
