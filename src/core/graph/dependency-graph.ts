import { bottomLevelArrays, criticalPathIds } from './critical-path';
import { findCycles } from './cycles';
import { resolveDurations } from './durations';
import type { GraphError } from './graph-error';
import { combineErrors, cycleError, unmatchedFilterError } from './graph-error';
import { devEdgesClosingCycles, selectEdgeKinds, withoutEdges } from './edge-selection';
import { decodeGraph } from './graph-json';
import { GraphStore } from './graph-store';
import { groupLayers, layerIndices } from './layers';
import { filterPackages } from './package-filter';
import { loadPackages } from './package-list';
import { topologicalOrder } from './topo-sort';
import type { CriticalPath, CycleInfo, DurationInput, GraphEdge, GraphOptions, PackageSpec } from './types';
import { DEPENDENCY_KINDS } from './types';

/**
 * A package dependency graph: `addDependency(from, to)` means `from` depends on `to`. The public
 * API is keyed by package name; every algorithm runs on the integer CSR snapshot of GraphStore.
 * Deterministic: every order it returns breaks ties by insertion order, which toJSON/fromJSON
 * preserve, so the same graph gives the same answers in every process.
 */
export class DependencyGraph extends GraphStore {
  /**
   * Builds a graph from a declared package list. Every problem (duplicate package, unknown
   * dependency, invalid name or kind) is collected; if any, one GraphError is thrown whose
   * `diagnostics` lists them all. Cycles are not checked here: call `validate()`. `edgeKinds`
   * leaves out the dependencies of other kinds (see `GraphOptions`).
   */
  static fromPackages(
    packages: readonly PackageSpec[],
    options?: Pick<GraphOptions, 'edgeKinds'>,
  ): DependencyGraph {
    const graph = new DependencyGraph();
    const problems = loadPackages(selectEdgeKinds(packages, options?.edgeKinds), graph);
    if (problems.length > 0) throw combineErrors(problems);
    return graph;
  }

  /**
   * Like `fromPackages` but never throws: returns the graph built from the valid part and every
   * problem, cycles included (one CYCLE diagnostic per cycle), for the compiler and the UI. With
   * `options`, only the chosen edge kinds make edges and, with `breakDevCycles`, the dev edges
   * that close cycles are dropped and listed in `droppedEdges`; each CYCLE message then ends with
   * the setting that would let a run proceed (see `cycleRemedy`). With `filter`, only the matching
   * packages and their dependencies (through the chosen edge kinds) are in the graph; a pattern that
   * matches nothing is a diagnostic.
   */
  static analyzePackages(
    packages: readonly PackageSpec[],
    options?: GraphOptions,
  ): {
    graph: DependencyGraph;
    diagnostics: GraphError[];
    droppedEdges: GraphEdge[];
  } {
    const filtered = filterPackages(selectEdgeKinds(packages, options?.edgeKinds), options?.filter ?? []);
    const selected = filtered.packages;
    let graph = new DependencyGraph();
    const diagnostics = loadPackages(selected, graph);
    for (const pattern of filtered.unmatched) diagnostics.push(unmatchedFilterError(pattern));
    let droppedEdges: GraphEdge[] = [];
    if (options?.breakDevCycles) {
      droppedEdges = devEdgesClosingCycles(graph.snapshot());
      if (droppedEdges.length > 0) {
        graph = new DependencyGraph();
        loadPackages(withoutEdges(selected, droppedEdges), graph); // same packages: no new problems
      }
    }
    for (const cycle of graph.detectCycles()) diagnostics.push(cycleError([cycle], options ?? {}));
    return { graph, diagnostics, droppedEdges };
  }

  /** Restores a graph from `toJSON()` output (throws INVALID_JSON on a malformed value). */
  static fromJSON(json: unknown): DependencyGraph {
    const { names, declared, edges } = decodeGraph(json);
    const graph = new DependencyGraph();
    names.forEach((name, i) => {
      const d = declared[i];
      graph.addNode(d === undefined ? name : { name, estimatedDurationMs: d });
    });
    for (const e of edges) graph.addDependency(names[e.from]!, names[e.to]!, DEPENDENCY_KINDS[e.kind]);
    return graph;
  }

  /**
   * One shortest cycle per non-trivial strongly connected component, [] for a DAG. O(V + E) when
   * acyclic (a Kahn pass proves it, and its order is reused by the sort); Tarjan + BFS otherwise.
   */
  detectCycles(): CycleInfo[] {
    const g = this.snapshot();
    return topologicalOrder(g) ? [] : findCycles(g);
  }

  /** Throws a CYCLE GraphError (`Dependency cycle: a → b → a`) if the graph has a cycle. */
  validate(): void {
    this.acyclicOrder();
  }

  /** Dependencies-first order; ties by insertion order (see topo-sort.ts). O(V + E). Throws on a cycle. */
  topologicalSort(): string[] {
    const g = this.snapshot();
    return Array.from(this.acyclicOrder(), (v) => g.names[v]!);
  }

  /** Longest-path layers for display: layer 0 has no dependencies. Throws on a cycle. */
  layers(): string[][] {
    const g = this.snapshot();
    return groupLayers(g, layerIndices(g, this.acyclicOrder()));
  }

  /**
   * Packages not in `completed` whose dependencies are all in `completed`, in insertion order.
   * Recomputed from scratch in O(V + E); a run should use ReadyTracker instead.
   */
  getReadyNodes(completed: Iterable<string>): string[] {
    const g = this.snapshot();
    const done = new Uint8Array(g.n);
    for (const name of completed) done[this.idOf(name)] = 1;
    const ready: string[] = [];
    outer: for (let v = 0; v < g.n; v++) {
      if (done[v]) continue;
      for (let i = g.depStart[v]!, end = g.depStart[v + 1]!; i < end; i++)
        if (!done[g.deps[i]!]) continue outer;
      ready.push(g.names[v]!);
    }
    return ready;
  }

  /** Bottom level (own duration + longest chain after it, ms) of every package. Throws on a cycle. */
  bottomLevels(durations?: DurationInput): Map<string, number> {
    const g = this.snapshot();
    const { level } = bottomLevelArrays(g, this.acyclicOrder(), resolveDurations(g, durations));
    return new Map(g.names.map((name, v) => [name, level[v]!]));
  }

  /** The longest weighted path (durations in ms; missing ones: declared, else 1). Throws on a cycle. */
  criticalPath(durations?: DurationInput): CriticalPath {
    const g = this.snapshot();
    const { length, path } = criticalPathIds(g, this.acyclicOrder(), resolveDurations(g, durations));
    return { length, path: path.map((v) => g.names[v]!) };
  }

  private acyclicOrder(): Int32Array {
    const g = this.snapshot();
    const order = topologicalOrder(g);
    if (!order) throw cycleError(findCycles(g));
    return order;
  }
}
