import type { Diagnostic, WorkflowDefinition } from '../../../core/definition';

/**
 * The node a diagnostic is about: its `nodeId`, else the node its path names (`nodes[3].data…`,
 * or `definition.nodes.3.data…` as a refused IPC request words it), so an error that only carries
 * a path still leads back to the node that caused it.
 */
export function diagnosticNodeId(
  diagnostic: Pick<Diagnostic, 'nodeId' | 'path'>,
  definition: Pick<WorkflowDefinition, 'nodes'> | null,
): string | undefined {
  if (diagnostic.nodeId) return diagnostic.nodeId;
  const match = /(?:^|[.\s])nodes(?:\[(\d+)\]|\.(\d+))/.exec(diagnostic.path);
  return match ? definition?.nodes[Number(match[1] ?? match[2])]?.id : undefined;
}
