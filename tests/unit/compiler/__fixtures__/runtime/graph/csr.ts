/**
 * The immutable, integer-indexed snapshot every hot algorithm runs on.
 *
 * Packages are interned to dense ids 0..n-1 in insertion order; adjacency is stored twice in CSR
 * (compressed sparse row) form: the dependencies of `v` are `deps[depStart[v] .. depStart[v+1])`
 * and its dependents are `dependents[dependentStart[v] .. dependentStart[v+1])`. Flat typed arrays
 * keep the algorithms allocation-free and cache-friendly (no per-node objects, no string hashing),
 * which is where the speed-up over a Map-of-Maps graph library comes from.
 */
export interface CompiledGraph {
  /** Number of packages. */
  readonly n: number;
  /** Number of edges. */
  readonly m: number;
  /** Package names by id (insertion order). */
  readonly names: readonly string[];
  /**
   * Id by package name. Shared with the graph (copying it would cost a hash map per snapshot), so
   * it may hold names added after the snapshot was taken: check `id < n`.
   */
  readonly index: ReadonlyMap<string, number>;
  /** Declared duration estimate by id, NaN when none was declared. */
  readonly declared: Float64Array;
  /** CSR offsets of the dependency lists, length n + 1. */
  readonly depStart: Int32Array;
  /** Dependency ids, each node's list in edge insertion order. */
  readonly deps: Int32Array;
  /** Kind code (index in DEPENDENCY_KINDS) of each entry of `deps`. */
  readonly depKind: Uint8Array;
  /** CSR offsets of the dependent lists, length n + 1. */
  readonly dependentStart: Int32Array;
  /** Dependent ids, each node's list in edge insertion order. */
  readonly dependents: Int32Array;
  /**
   * Derived data computed at most once per snapshot (the snapshot never changes): the Kahn
   * topological order (null when the graph is cyclic) and the fingerprint; undefined until first
   * asked for.
   */
  cache: { order?: Int32Array | null; fingerprint?: string };
}

/** Raw storage a snapshot is compiled from: edges as parallel arrays in insertion order. */
export interface EdgeArrays {
  /** Dependent end of each edge. */
  readonly from: readonly number[];
  /** Dependency end of each edge. */
  readonly to: readonly number[];
  /** Kind code of each edge. */
  readonly kind: readonly number[];
}

/**
 * Builds the CSR snapshot in O(V + E) with two counting passes. Walking the edges in insertion
 * order fills every list in insertion order, which is what makes every algorithm deterministic.
 */
export function compileGraph(
  names: readonly string[],
  index: ReadonlyMap<string, number>,
  declared: readonly number[],
  edges: EdgeArrays,
): CompiledGraph {
  const n = names.length;
  const m = edges.from.length;
  const depStart = new Int32Array(n + 1);
  const dependentStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    depStart[(edges.from[e] as number) + 1]!++;
    dependentStart[(edges.to[e] as number) + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    depStart[v + 1]! += depStart[v]!;
    dependentStart[v + 1]! += dependentStart[v]!;
  }
  const deps = new Int32Array(m);
  const depKind = new Uint8Array(m);
  const dependents = new Int32Array(m);
  // Write cursors: copies of the offsets, advanced as each list fills up.
  const depFill = depStart.slice(0, n);
  const dependentFill = dependentStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    const from = edges.from[e] as number;
    const to = edges.to[e] as number;
    const at = depFill[from]!++;
    deps[at] = to;
    depKind[at] = edges.kind[e] as number;
    dependents[dependentFill[to]!++] = from;
  }
  return {
    n,
    m,
    names: names.slice(), // a copy: the graph keeps growing, a snapshot must not
    index,
    declared: Float64Array.from(declared),
    depStart,
    deps,
    depKind,
    dependentStart,
    dependents,
    cache: {},
  };
}

/**
 * A 64-bit (two 32-bit lanes, cyrb53-style) hash of names, edges and kinds, as 16 hex digits.
 * Serialized run state records it so that state is never loaded against a different graph. Not a
 * security measure: it only catches accidents, and costs O(total name length + E).
 */
export function graphFingerprint(g: CompiledGraph): string {
  if (g.cache.fingerprint !== undefined) return g.cache.fingerprint;
  let h1 = 0xdeadbeef ^ g.n;
  let h2 = 0x41c6ce57 ^ g.m;
  const mix = (x: number): void => {
    h1 = Math.imul(h1 ^ x, 2654435761);
    h2 = Math.imul(h2 ^ x, 1597334677);
  };
  for (const name of g.names) {
    for (let i = 0; i < name.length; i++) mix(name.charCodeAt(i));
    mix(0x10ffff + name.length); // separator no character can produce
  }
  for (let v = 0; v < g.n; v++) {
    for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++) {
      mix(v);
      mix(g.deps[i]! ^ (g.depKind[i]! << 28));
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
  g.cache.fingerprint = hex(h2) + hex(h1);
  return g.cache.fingerprint;
}
