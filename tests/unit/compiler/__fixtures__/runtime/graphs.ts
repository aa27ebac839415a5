/** Package graphs a workflow builds from data it reads at run time. */
import { ApplicationFailure } from '@temporalio/workflow';
import { DependencyGraph } from './graph/dependency-graph';
import type { PackageSpec } from './graph/types';

/**
 * A package graph from data read at run time. A cycle or an unknown dependency fails the run
 * before anything builds, naming the problem (a plain error would only fail the workflow task).
 */
export function loadGraph(nodeId: string, packages: readonly PackageSpec[]): DependencyGraph {
  const { graph, diagnostics } = DependencyGraph.analyzePackages(packages);
  if (diagnostics.length > 0) {
    throw ApplicationFailure.create({
      type: 'InvalidDependencyGraph',
      message: `Dependency graph "${nodeId}": ${diagnostics.map((d) => d.message).join('; ')}`,
      nonRetryable: true,
    });
  }
  return graph;
}

/** The same packages without dependency edges (dependencyMode "off"); undefined stays undefined. */
export function withoutDependencies(graph: DependencyGraph): DependencyGraph;
export function withoutDependencies(graph: DependencyGraph | undefined): DependencyGraph | undefined;
export function withoutDependencies(graph: DependencyGraph | undefined): DependencyGraph | undefined {
  return graph && DependencyGraph.fromPackages(graph.nodes());
}
