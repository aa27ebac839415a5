import type { CompiledGraph } from './csr';
import { compileGraph, graphFingerprint } from './csr';
import { GraphError, unknownDependencyError, unknownPackageError } from './graph-error';
import type { DependencyGraphJSON } from './graph-json';
import { encodeGraph } from './graph-json';
import type { DependencyKind, GraphEdge, GraphNode } from './types';
import { DEPENDENCY_KINDS } from './types';

/** A dependency list longer than this gets a Set for duplicate checks instead of a linear scan. */
const SCAN_LIMIT = 16;

/**
 * Storage half of DependencyGraph: interning, mutation, neighbour queries and serialization.
 * Names are interned to dense ids in insertion order; edges are kept in insertion order in three
 * parallel arrays, from which the immutable CSR snapshot (csr.ts) is compiled lazily after a
 * mutation. The algorithms live in DependencyGraph.
 */
export class GraphStore {
  protected readonly names: string[] = [];
  protected readonly index = new Map<string, number>();
  protected readonly declared: number[] = []; // NaN: no declared estimate
  protected readonly depLists: number[][] = [];
  protected readonly depSets = new Map<number, Set<number>>();
  protected readonly edgeFrom: number[] = [];
  protected readonly edgeTo: number[] = [];
  protected readonly edgeKind: number[] = [];
  protected compiled: CompiledGraph | undefined;

  /** Number of packages. */
  get size(): number {
    return this.names.length;
  }

  /** Number of dependency edges. */
  get edgeCount(): number {
    return this.edgeFrom.length;
  }

  /** Adds a package, by name or as a node with a declared duration estimate (ms). */
  addNode(pkg: string | GraphNode): this {
    const name = typeof pkg === 'string' ? pkg : pkg?.name;
    if (typeof name !== 'string' || name === '') {
      throw new GraphError('INVALID_PACKAGE', 'Package name must be a non-empty string');
    }
    if (this.index.has(name)) {
      throw new GraphError('DUPLICATE_PACKAGE', `Package "${name}" is declared more than once`, {
        pkg: name,
      });
    }
    const estimate = typeof pkg === 'string' ? undefined : pkg.estimatedDurationMs;
    if (estimate !== undefined && !(Number.isFinite(estimate) && estimate >= 0)) {
      throw new GraphError('INVALID_PACKAGE', `Package "${name}" has an invalid estimatedDurationMs`, {
        pkg: name,
      });
    }
    this.index.set(name, this.names.length);
    this.names.push(name);
    this.declared.push(estimate ?? NaN);
    this.depLists.push([]);
    this.compiled = undefined;
    return this;
  }

  /**
   * Records that `from` depends on `to` (`to` runs first). Both must exist: an unknown end throws
   * UNKNOWN_PACKAGE naming both. Adding the same pair again is a no-op (the first kind is kept),
   * since a package may list one dependency under several kinds. A self-dependency is accepted
   * here and reported as a cycle by `detectCycles`/`validate`.
   */
  addDependency(from: string, to: string, kind: DependencyKind = 'dependency'): this {
    const f = this.index.get(from);
    const t = this.index.get(to);
    if (f === undefined && t !== undefined) {
      throw new GraphError('UNKNOWN_PACKAGE', `Unknown package "${from}" cannot depend on "${to}"`, {
        from,
        to,
        pkg: from,
      });
    }
    if (f === undefined || t === undefined) throw unknownDependencyError(from, to);
    const code = DEPENDENCY_KINDS.indexOf(kind);
    if (code < 0) throw new GraphError('INVALID_PACKAGE', `Unknown dependency kind "${kind}"`, { from, to });
    const list = this.depLists[f]!;
    const set = this.depSets.get(f);
    if (set ? set.has(t) : list.includes(t)) return this;
    list.push(t);
    if (set) set.add(t);
    else if (list.length > SCAN_LIMIT) this.depSets.set(f, new Set(list));
    this.edgeFrom.push(f);
    this.edgeTo.push(t);
    this.edgeKind.push(code);
    this.compiled = undefined;
    return this;
  }

  /** Whether the package exists. */
  hasNode(name: string): boolean {
    return this.index.has(name);
  }

  /** The package as a plain node, or undefined. */
  getNode(name: string): GraphNode | undefined {
    const v = this.index.get(name);
    return v === undefined ? undefined : this.nodeAt(v);
  }

  /** All packages in insertion order. */
  nodes(): GraphNode[] {
    return this.names.map((_, v) => this.nodeAt(v));
  }

  /** All edges in insertion order. */
  edges(): GraphEdge[] {
    return this.edgeFrom.map((f, e) => ({
      from: this.names[f]!,
      to: this.names[this.edgeTo[e]!]!,
      kind: DEPENDENCY_KINDS[this.edgeKind[e]!]!,
    }));
  }

  /** Direct dependencies of a package (what it waits for), in insertion order. */
  dependenciesOf(name: string): string[] {
    const g = this.snapshot();
    const v = this.idOf(name);
    return Array.from(g.deps.subarray(g.depStart[v]!, g.depStart[v + 1]!), (w) => g.names[w]!);
  }

  /** Direct dependents of a package (what waits for it), in insertion order. */
  dependentsOf(name: string): string[] {
    const g = this.snapshot();
    const v = this.idOf(name);
    return Array.from(
      g.dependents.subarray(g.dependentStart[v]!, g.dependentStart[v + 1]!),
      (w) => g.names[w]!,
    );
  }

  /** Compact, lossless, JSON-ready form (see DependencyGraphJSON). */
  toJSON(): DependencyGraphJSON {
    return encodeGraph(this.names, this.declared, this.edgeFrom, this.edgeTo, this.edgeKind);
  }

  /** 16 hex digits identifying names, edges and kinds; equal graphs give equal fingerprints. */
  fingerprint(): string {
    return graphFingerprint(this.snapshot());
  }

  /** @internal The CSR snapshot the algorithms run on; rebuilt after a mutation. */
  snapshot(): CompiledGraph {
    this.compiled ??= compileGraph(this.names, this.index, this.declared, {
      from: this.edgeFrom,
      to: this.edgeTo,
      kind: this.edgeKind,
    });
    return this.compiled;
  }

  /** @internal Dense id of a package; throws UNKNOWN_PACKAGE. */
  idOf(name: string): number {
    const v = this.index.get(name);
    if (v === undefined) throw unknownPackageError(name);
    return v;
  }

  protected nodeAt(v: number): GraphNode {
    const d = this.declared[v]!;
    return Number.isNaN(d) ? { name: this.names[v]! } : { name: this.names[v]!, estimatedDurationMs: d };
  }
}
