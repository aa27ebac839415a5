import type { CompiledGraph } from './csr';
import type { CycleInfo, GraphEdge } from './types';
import { DEPENDENCY_KINDS } from './types';

/**
 * Upper bound on the edges the shortest-cycle searches may scan in one call. Package graphs have
 * small components and the search below prunes hard, so real inputs stay far under it; it only
 * keeps a pathological component (thousands of packages in one knot) from going quadratic. When
 * it runs out, the best cycle found so far is reported with `shortest: false`.
 */
export const SHORTEST_CYCLE_BUDGET = 20_000_000;

/**
 * Tarjan's strongly connected components, iterative (no recursion, so no stack overflow on deep
 * graphs), O(V + E). Returns the component id of every node; ids follow Tarjan's completion order.
 */
export function stronglyConnectedComponents(g: CompiledGraph): { comp: Int32Array; count: number } {
  const { n, depStart, deps } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n); // Tarjan's stack of open nodes
  const callNode = new Int32Array(n); // explicit DFS call stack: node …
  const callEdge = new Int32Array(n); // … and the next edge to look at
  let counter = 0;
  let sp = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = depStart[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < depStart[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = deps[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = depStart[w]!;
        } else if (comp[w] === -1 && index[w]! < low[v]!) {
          low[v] = index[w]!; // w is still on the stack: a back or cross edge inside the component
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}

/**
 * One shortest cycle for every non-trivial strongly connected component (two or more packages, or
 * a package depending on itself). Components are reported by their first member in insertion order.
 *
 * Shortest cycle: a self-dependency if the component has one, else a BFS from each member in
 * insertion order, restricted to the component, stopping at the first edge back to the root (the
 * shortest cycle through that root). BFS levels at or beyond the best length found so far are not
 * expanded, so after the first hit most searches end within a level or two. The first search of a
 * component always runs, so every component gets a real cycle even when `budget` (edge scans) is
 * exhausted; only the proof of minimality (`shortest`) is then given up.
 */
export function findCycles(g: CompiledGraph, budget = SHORTEST_CYCLE_BUDGET): CycleInfo[] {
  const { comp, count } = stronglyConnectedComponents(g);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < g.n; v++) members[comp[v]!]!.push(v);
  const components = members
    .filter((list) => list.length > 1 || hasSelfLoop(g, list[0]!))
    .sort((a, b) => a[0]! - b[0]!);
  const search = new ShortestCycleSearch(g, comp, budget);
  return components.map((list) => search.run(list));
}

function hasSelfLoop(g: CompiledGraph, v: number): boolean {
  for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++) if (g.deps[i] === v) return true;
  return false;
}

/** BFS scratch space shared by all components of one `findCycles` call. */
class ShortestCycleSearch {
  private readonly dist: Int32Array;
  private readonly parent: Int32Array;
  private readonly queue: Int32Array;
  constructor(
    private readonly g: CompiledGraph,
    private readonly comp: Int32Array,
    private budget: number,
  ) {
    this.dist = new Int32Array(g.n).fill(-1);
    this.parent = new Int32Array(g.n);
    this.queue = new Int32Array(g.n);
  }

  run(component: readonly number[]): CycleInfo {
    const g = this.g;
    const selfLoop = component.find((v) => hasSelfLoop(g, v));
    let best: number[] = selfLoop === undefined ? [] : [selfLoop, selfLoop];
    let shortest = true;
    // A component with as many internal edges as members is one simple ring: its only cycle is
    // whatever the first search finds, so the other members need no search (no O(n²) on rings).
    const ring = this.internalEdges(component) === component.length;
    // Stop early once nothing shorter can exist: a self-loop (1 edge) or, with none, a 2-cycle.
    for (let k = 0; (best.length === 0 || best.length > 3) && k < component.length; k++) {
      if (best.length > 0 && (ring || this.budget <= 0)) {
        shortest = ring;
        break;
      }
      const found = this.shortestThrough(component[k]!, best.length === 0 ? Infinity : best.length - 1);
      if (found) best = found;
    }
    return {
      cycle: best.map((v) => g.names[v]!),
      edges: this.edgesOf(best),
      componentSize: component.length,
      component: component.map((v) => g.names[v]!),
      shortest,
    };
  }

  private internalEdges(component: readonly number[]): number {
    const { g, comp } = this;
    const c = comp[component[0]!]!;
    let count = 0;
    for (const v of component) {
      for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++)
        if (comp[g.deps[i]!] === c) count++;
    }
    return count;
  }

  /** Closed path root → … → root of fewer than `limit` edges, or null. */
  private shortestThrough(root: number, limit: number): number[] | null {
    const { g, comp, dist, parent, queue } = this;
    const c = comp[root]!;
    let tail = 0;
    queue[tail++] = root;
    dist[root] = 0;
    let result: number[] | null = null;
    for (let head = 0; head < tail && result === null; head++) {
      const v = queue[head]!;
      if (dist[v]! + 1 >= limit) break; // any cycle closed from here is no shorter than the best
      const end = g.depStart[v + 1]!;
      this.budget -= end - g.depStart[v]!;
      for (let i = g.depStart[v]!; i < end; i++) {
        const w = g.deps[i]!;
        if (w === root) {
          const back: number[] = []; // v, parent(v), … up to (excluding) the root
          for (let x = v; x !== root; x = parent[x]!) back.push(x);
          result = [root, ...back.reverse(), root];
          break;
        }
        if (comp[w] === c && dist[w] === -1) {
          dist[w] = dist[v]! + 1;
          parent[w] = v;
          queue[tail++] = w;
        }
      }
    }
    for (let i = 0; i < tail; i++) dist[queue[i]!] = -1; // reset only what was touched
    return result;
  }

  private edgesOf(cycle: readonly number[]): GraphEdge[] {
    const { g } = this;
    const edges: GraphEdge[] = [];
    for (let k = 0; k + 1 < cycle.length; k++) {
      const from = cycle[k]!;
      const to = cycle[k + 1]!;
      let kind = 0;
      for (let i = g.depStart[from]!, end = g.depStart[from + 1]!; i < end; i++) {
        if (g.deps[i] === to) {
          kind = g.depKind[i]!;
          break;
        }
      }
      edges.push({ from: g.names[from]!, to: g.names[to]!, kind: DEPENDENCY_KINDS[kind] ?? 'dependency' });
    }
    return edges;
  }
}
