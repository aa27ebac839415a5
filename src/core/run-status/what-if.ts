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
