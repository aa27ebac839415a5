import type { CompiledGraph } from './csr';

/**
 * Kahn's algorithm on the CSR snapshot, O(V + E), dependencies before dependents.
 *
 * Tie-break (documented contract): the queue is seeded with the packages without dependencies in
 * insertion order, and a package joins the queue the moment its last dependency is emitted,
 * dependents being visited in edge insertion order. No hash iteration or sort is involved, so the
 * same graph (same insertion order, which JSON preserves) yields the same order in every process.
 *
 * Returns null when the graph has a cycle (some packages never reach in-degree zero). The result
 * is cached on the snapshot: cycle check, sort, layering and critical path all reuse one pass.
 */
export function topologicalOrder(g: CompiledGraph): Int32Array | null {
  if (g.cache.order !== undefined) return g.cache.order;
  const { n, depStart, dependentStart, dependents } = g;
  const missing = new Int32Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) {
    const count = depStart[v + 1]! - depStart[v]!;
    missing[v] = count;
    if (count === 0) order[tail++] = v;
  }
  // `order` doubles as the FIFO queue: everything before `head` is emitted.
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let i = dependentStart[v]!, end = dependentStart[v + 1]!; i < end; i++) {
      const w = dependents[i]!;
      if (--missing[w]! === 0) order[tail++] = w;
    }
  }
  const result = tail === n ? order : null;
  g.cache.order = result;
  return result;
}
