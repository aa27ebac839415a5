import type { CompiledGraph } from './csr';

/**
 * Bottom level of every package: its own duration plus the longest chain of dependents after it,
 * i.e. the least time from its start to the end of the run with unlimited slots. One pass over the
 * topological order, backwards: O(V + E).
 *
 * `next[v]` is the dependent continuing the longest chain (-1 at the end); ties go to the first
 * dependent in edge insertion order, so the reported path is deterministic.
 */
export function bottomLevelArrays(
  g: CompiledGraph,
  order: Int32Array,
  durations: Float64Array,
): { level: Float64Array; next: Int32Array } {
  const { dependentStart, dependents } = g;
  const level = new Float64Array(g.n);
  const next = new Int32Array(g.n).fill(-1);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    let best = -1; // levels are >= 0, so the first dependent always beats the sentinel
    let bestNext = -1;
    for (let i = dependentStart[v]!, end = dependentStart[v + 1]!; i < end; i++) {
      const w = dependents[i]!;
      if (level[w]! > best) {
        best = level[w]!;
        bestNext = w;
      }
    }
    level[v] = durations[v]! + (bestNext === -1 ? 0 : best);
    next[v] = bestNext;
  }
  return { level, next };
}

/**
 * The longest weighted path: it starts at the package with the largest bottom level (the first in
 * insertion order on a tie) and follows `next`. Its length is that bottom level.
 */
export function criticalPathIds(
  g: CompiledGraph,
  order: Int32Array,
  durations: Float64Array,
): { length: number; path: number[] } {
  const { level, next } = bottomLevelArrays(g, order, durations);
  let start = -1;
  for (let v = 0; v < g.n; v++) if (start === -1 || level[v]! > level[start]!) start = v;
  const path: number[] = [];
  for (let v = start; v !== -1; v = next[v]!) path.push(v);
  return { length: start === -1 ? 0 : level[start]!, path };
}
