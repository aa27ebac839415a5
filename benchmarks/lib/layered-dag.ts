import type { Rng } from './random';
import { lognormal, mulberry32, poisson, randomInt, shuffle } from './random';

/** A generated benchmark workload: packages, edges and durations, independent of any graph library. */
export interface LayeredDag {
  /** Package names, in the (shuffled) order they are added to a graph. */
  readonly names: string[];
  /** Edges as `[dependent, dependency]` index pairs into `names`' generation order. */
  readonly edges: Array<readonly [from: number, to: number]>;
  /** Duration of each package in ms (lognormal μ = 0, σ = 1 in seconds), by generation index. */
  readonly durationsMs: Float64Array;
  /** Package name by generation index. */
  readonly nameOf: string[];
}

/**
 * The fixed benchmark graph of the issue: `n` packages in ceil(sqrt(n)) layers of (as near as
 * possible) equal size; every package after the first layer depends on 1 + Poisson(4) distinct
 * packages of earlier layers, each drawn with probability 0.7 from the layer just before and
 * otherwise uniformly from the layers before that (layer 1 can only use layer 0); durations
 * lognormal(0, 1) seconds. Packages are
 * inserted in a shuffled order so that insertion order is not already a topological order.
 */
export function layeredDag(n: number, seed: number): LayeredDag {
  const rng = mulberry32(seed);
  const layerCount = Math.ceil(Math.sqrt(n));
  // Layer k holds generation indices [bounds[k], bounds[k + 1]).
  const bounds = Array.from({ length: layerCount + 1 }, (_, k) => Math.floor((k * n) / layerCount));
  const nameOf = Array.from({ length: n }, (_, i) => `@bench/pkg-${String(i).padStart(6, '0')}`);
  const edges: Array<readonly [number, number]> = [];
  for (let layer = 1; layer < layerCount; layer++) {
    const prevStart = bounds[layer - 1] as number;
    const start = bounds[layer] as number;
    const end = bounds[layer + 1] as number;
    for (let v = start; v < end; v++) {
      const wanted = Math.min(1 + poisson(rng, 4), start); // cannot exceed the earlier packages
      for (const dep of pickDistinct(rng, wanted, prevStart, start)) edges.push([v, dep]);
    }
  }
  const durationsMs = new Float64Array(n);
  for (let v = 0; v < n; v++) durationsMs[v] = lognormal(rng, 0, 1) * 1000;
  const names = shuffle(rng, nameOf.slice());
  return { names, edges, durationsMs, nameOf };
}

/** `count` distinct indices below `start`: 70 % from [prevStart, start), the rest from [0, prevStart). */
function pickDistinct(rng: Rng, count: number, prevStart: number, start: number): number[] {
  const chosen = new Set<number>();
  let attempts = 0;
  while (chosen.size < count) {
    const fromPrevious = prevStart === 0 || rng() < 0.7;
    const dep = fromPrevious ? prevStart + randomInt(rng, start - prevStart) : randomInt(rng, prevStart);
    if (!chosen.has(dep)) chosen.add(dep);
    else if (++attempts > 50 * count) {
      // Previous layer exhausted (tiny graphs): take the lowest unused earlier index.
      for (let u = 0; chosen.size < count && u < start; u++) chosen.add(u);
    }
  }
  return [...chosen];
}
