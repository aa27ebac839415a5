/**
 * Transitive reduction of a DAG: drops every edge u→w for which another path u→…→w exists. A
 * package graph declares many such edges (every package depends on the tooling ones directly
 * and through its other dependencies); they add nothing to a picture of the order and are most
 * of what makes layered layouts slow and tangled.
 *
 * Reachability as bitsets, nodes in reverse topological order, each node's children visited
 * nearest first: O(V·E/32) words of work. Nodes on a cycle keep all their edges.
 */

/** An edge `source → target` (here: a dependency → the package that needs it). */
export interface LayoutEdge {
  source: string;
  target: string;
}

/** The edges of the transitive reduction, in input order. Unknown endpoints are dropped. */
export function transitiveReduction(nodes: readonly string[], edges: readonly LayoutEdge[]): LayoutEdge[] {
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((name, i) => index.set(name, i));
  const out: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const valid: Array<[number, number, LayoutEdge]> = [];
  const seen = new Set<number>();
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    const key = s * n + t;
    if (seen.has(key)) continue;
    seen.add(key);
    out[s]!.push(t);
    indegree[t]! += 1;
    valid.push([s, t, e]);
  }
  // Kahn's order; nodes left over sit on cycles.
  const order: number[] = [];
  const deg = Int32Array.from(indegree);
  for (let v = 0; v < n; v++) if (deg[v] === 0) order.push(v);
  for (let k = 0; k < order.length; k++) for (const w of out[order[k]!]!) if (--deg[w]! === 0) order.push(w);
  if (order.length < n) return valid.map(([, , e]) => e);

  const position = new Int32Array(n);
  order.forEach((v, k) => (position[v] = k));
  const words = (n + 31) >>> 5;
  const reach = new Uint32Array(n * words);
  const redundant = new Set<number>();
  for (let k = n - 1; k >= 0; k--) {
    const u = order[k]!;
    const base = u * words;
    const children = [...out[u]!].sort((a, b) => position[a]! - position[b]!);
    for (const c of children) {
      if ((reach[base + (c >>> 5)]! >>> (c & 31)) & 1) {
        redundant.add(u * n + c);
        continue;
      }
      reach[base + (c >>> 5)]! |= 1 << (c & 31);
      const cb = c * words;
      for (let w = 0; w < words; w++) reach[base + w]! |= reach[cb + w]!;
    }
  }
  return valid.filter(([s, t]) => !redundant.has(s * n + t)).map(([, , e]) => e);
}
