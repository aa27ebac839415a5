/**
 * Plain data types of the dependency graph engine. Everything here is JSON-compatible so it can
 * travel in workflow state and over IPC unchanged.
 */

/**
 * Why one package depends on another. Every kind orders the build the same way (the dependency
 * runs first); the kind only matters for reporting, e.g. a cycle is shown edge by edge with it.
 */
export type DependencyKind = 'dependency' | 'dev' | 'peer' | 'optional';

/** Every dependency kind, in the order of their one-character JSON codes. */
export const DEPENDENCY_KINDS: readonly DependencyKind[] = ['dependency', 'dev', 'peer', 'optional'];

/** A package (node) of the graph. */
export interface GraphNode {
  /** Unique package name; the public API is keyed by it. */
  readonly name: string;
  /** Declared duration estimate in milliseconds, used when there is no run history. */
  readonly estimatedDurationMs?: number;
}

/** A dependency edge: `from` depends on `to`, so `to` must complete before `from` starts. */
export interface GraphEdge {
  /** The dependent package. */
  readonly from: string;
  /** The package it depends on. */
  readonly to: string;
  /** Why it depends on it. */
  readonly kind: DependencyKind;
}

/**
 * One entry of a package's dependency list: a bare name (kind `dependency`) or a name with a kind.
 * `otherKinds` lists the weaker fields the same dependency is also declared in (a workspace
 * package may list one package under `devDependencies` and `peerDependencies`), so that leaving
 * `kind` out of `GraphOptions.edgeKinds` still keeps the edge under the next kind.
 */
export type DependencySpec =
  | string
  | {
      readonly name: string;
      readonly kind?: DependencyKind;
      readonly otherKinds?: readonly DependencyKind[];
    };

/** A package as declared by a workspace / the compiler, input of `DependencyGraph.fromPackages`. */
export interface PackageSpec {
  /** Unique package name. */
  readonly name: string;
  /** Packages this one depends on. */
  readonly dependencies?: readonly DependencySpec[];
  /** Declared duration estimate in milliseconds. */
  readonly estimatedDurationMs?: number;
}

/**
 * Durations in milliseconds by package name, as a Map or a plain record. A package that is
 * missing falls back to its declared estimate, then to 1 (see `resolveDurations`).
 */
export type DurationInput = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/**
 * How to choose among ready packages when a slot frees up.
 * - `critical-path-first`: the one with the longest remaining path (bottom level) first.
 * - `fifo`: the one that became ready first.
 */
export type SchedulingPolicy = 'critical-path-first' | 'fifo';

/** One non-trivial strongly connected component and a shortest cycle inside it. */
export interface CycleInfo {
  /** The cycle, closed: first and last names are equal (`a → b → a` is `['a', 'b', 'a']`). */
  readonly cycle: readonly string[];
  /** The same cycle edge by edge, with each edge's kind. */
  readonly edges: readonly GraphEdge[];
  /** Number of packages in the strongly connected component. */
  readonly componentSize: number;
  /** Members of the component, in insertion order. */
  readonly component: readonly string[];
  /**
   * True when `cycle` is proven to be a shortest one. False only when a huge component exhausted
   * the search budget; the cycle is then real but maybe not minimal.
   */
  readonly shortest: boolean;
}

/** The longest weighted path of the graph (the critical path). */
export interface CriticalPath {
  /** Sum of the durations along the path, in the unit of the durations given (ms). */
  readonly length: number;
  /** The packages of the path in execution order (first to run first). Empty for an empty graph. */
  readonly path: readonly string[];
}

/**
 * How a declared package list becomes edges (`DependencyGraph.analyzePackages`). The names are the
 * settings of the dependencyGraph node, and they are what the cycle message tells the user to change.
 */
export interface GraphOptions {
  /**
   * Which dependency kinds make edges; a dependency of another kind is left out.
   * @default all four, as pnpm and turbo order builds
   */
  readonly edgeKinds?: readonly DependencyKind[];
  /**
   * Drop the devDependency edges that close a cycle (each dev edge, in declaration order, is kept
   * unless the edges kept so far already lead back from its target to its source), and report
   * them in `droppedEdges`. Cycles made of other kinds still fail.
   * @default false
   */
  readonly breakDevCycles?: boolean;
  /**
   * Build only the packages whose names match these globs, and what they depend on (pnpm's
   * `--filter "<pattern>..."`; see package-filter.ts). A pattern that matches nothing is an error.
   * @default every package
   */
  readonly filter?: readonly string[];
}
