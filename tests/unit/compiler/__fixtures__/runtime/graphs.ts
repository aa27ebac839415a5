/** Package graphs a workflow builds from data it reads at run time. */
import { ApplicationFailure } from '@temporalio/workflow';
import { DependencyGraph } from './graph/dependency-graph';
import type { GraphOptions, PackageSpec } from './graph/types';

/**
 * A package graph from data read at run time. A cycle or an unknown dependency fails the run
 * before anything builds, naming the problem (a plain error would only fail the workflow task).
 */
export function loadGraph(nodeId: string, packages: readonly PackageSpec[]): DependencyGraph {
  return loadGraphWithOptions(nodeId, packages, {}).graph;
}

/**
 * `loadGraph` with a node's edge settings (which dependency kinds make edges, dropping the dev
 * edges that close cycles). The dropped edges come back as `from → to (dev)` lines for the node's
 * result, so the run says which dependencies it did not honour; a cycle's message names the
 * setting that would let the run proceed.
 */
export function loadGraphWithOptions(
  nodeId: string,
  packages: readonly PackageSpec[],
  options: GraphOptions,
): { graph: DependencyGraph; droppedEdges: string[] } {
  const { graph, diagnostics, droppedEdges } = DependencyGraph.analyzePackages(packages, options);
  if (diagnostics.length > 0) {
    throw ApplicationFailure.create({
      type: 'InvalidDependencyGraph',
      message: `Dependency graph "${nodeId}": ${diagnostics.map((d) => d.message).join('; ')}`,
      nonRetryable: true,
    });
  }
  return { graph, droppedEdges: droppedEdges.map((e) => `${e.from} → ${e.to} (${e.kind})`) };
}

/** The same packages without dependency edges (dependencyMode "off"); undefined stays undefined. */
export function withoutDependencies(graph: DependencyGraph): DependencyGraph;
export function withoutDependencies(graph: DependencyGraph | undefined): DependencyGraph | undefined;
export function withoutDependencies(graph: DependencyGraph | undefined): DependencyGraph | undefined {
  return graph && DependencyGraph.fromPackages(graph.nodes());
}
