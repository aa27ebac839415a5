import type { CompiledGraph } from './csr';
import { listSchedule, type RunningAtStart } from './list-schedule';

/**
 * What each child costs a slot beyond its build: from one build's end to the next build's start on
 * that slot (child start, its workflow tasks, the parent told). Measured at 40–60 ms on a 2-core
 * machine with the embedded dev server (workflow-builder's performance notes, issue 12). The search
 * below is not sensitive to the exact figure; leaving it out (0) tunes for ideal, free slots.
 */
export const SLOT_COST_MS = 50;

/**
 * How much simulated scheduling a tuning may do (packages + edges, summed over its simulations), and
 * at most how many simulations: it runs in the parent's workflow task, before the first child
 * starts. On the seeded 50-package sets, 150 simulations reach nearly all that 600 do (under noise,
 * 1.0280 → 1.0214 against 1.0209; bench:schedule), in ~5 ms once the code is warm.
 */
const WORK_BUDGET = 40_000;
const MAX_SIMULATIONS = 150;
/**
 * Simulations without a shorter makespan after which the search stops: a graph that leaves the
 * order no choice (a chain) or none that matters (equal independent builds) costs ~40 simulations.
 */
const PATIENCE = 40;
/** Perturbation sizes, as fractions of the longest bottom level, tried in turn. */
const SCALES = [0.02, 0.05, 0.1, 0.2];

/** The packages of a run that are not to be scheduled again, and those in flight (as in `listSchedule`). */
export interface TuningState {
  readonly skip: Uint8Array;
  readonly done: Uint8Array;
  readonly inFlight: readonly RunningAtStart[];
}

/**
 * Critical-path-first priorities tuned to a run's build times. Critical-path-first leaves a tail of
 * slots idle at the end of a work-bound run: the last builds cannot all end together (0.8 % of the
 * makespan on the benchmark's 50 packages at N = 4, more with each child's slot cost). Up to 150
 * list-schedule simulations of this run, each with the bottom levels slightly and randomly perturbed,
 * find an order whose simulated makespan is shorter; the best is kept, else the bottom levels
 * themselves. So the order stays critical-path-first in its large lines and is never worse than it
 * in the simulation.
 *
 * Deterministic: a fixed seed, and a bound on the simulations that depends only on the graph's size,
 * so a workflow computes the same priorities on replay. O(WORK_BUDGET · log n).
 *
 * @param levels - the bottom levels (critical-path-first priorities) by id.
 * @param durations - estimated build time by id (ms).
 */
export function tunePriorities(
  g: CompiledGraph,
  durations: Float64Array,
  levels: Float64Array,
  slots: number,
  state: TuningState,
  slotCostMs = SLOT_COST_MS,
): Float64Array {
  const { skip, done, inFlight } = state;
  let toSchedule = 0;
  for (let v = 0; v < g.n; v++) if (!skip[v]) toSchedule++;
  // With a slot for every package, or nothing to order, every order is the same.
  if (!Number.isFinite(slots) || toSchedule - inFlight.length <= slots) return levels;
  const cost = Float64Array.from(durations, (d) => d + slotCostMs);
  const makespan = (priority: Float64Array): number =>
    listSchedule(g, cost, slots, 'critical-path-first', priority, skip, done, inFlight).makespan;

  let maxLevel = 0;
  for (let v = 0; v < g.n; v++) maxLevel = Math.max(maxLevel, levels[v]!);
  if (maxLevel <= 0) return levels;
  const simulations = Math.min(MAX_SIMULATIONS, Math.floor(WORK_BUDGET / (g.n + g.deps.length + 1)));
  const random = mulberry32(0x5eed);
  let best = levels;
  let bestMakespan = makespan(levels);
  let sinceBetter = 0;
  for (let i = 0; i < simulations && sinceBetter < PATIENCE; i++, sinceBetter++) {
    const spread = SCALES[i % SCALES.length]! * maxLevel;
    // Half the candidates explore around critical-path-first, half refine the best found so far.
    const around = i % 2 === 0 ? levels : best;
    const candidate = new Float64Array(g.n);
    for (let v = 0; v < g.n; v++) candidate[v] = around[v]! + (random() - 0.5) * spread;
    const m = makespan(candidate);
    if (m < bestMakespan) {
      bestMakespan = m;
      best = candidate;
      sinceBetter = -1;
    }
  }
  return best;
}

// Looked up once, not on each of the tens of thousands of calls of a tuning.
const imul = Math.imul;

/** A small seeded PRNG (mulberry32): uniform in [0, 1), the same sequence on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
