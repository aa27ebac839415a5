import { DependencyGraphDataSchema } from '../../core/definition/node-kinds/dependency-graph';
import type { RunGraph, StoredDefinition } from '../../core/ipc';

/**
 * The package graph a run builds, read from its definition: the first dependency-graph node with
 * an inline package list. A graph read at run time (workspace, activity result, input) is not in
 * the definition: then undefined, and only the names the run reports are known. A workflow without
 * a package loop has no graph at all (`source: 'none'`): its run answers no package-state query.
 */
export function runGraphOf(definition: StoredDefinition | undefined): RunGraph | undefined {
  for (const node of definition?.definition.nodes ?? []) {
    if (node.kind !== 'dependencyGraph') continue;
    const data = DependencyGraphDataSchema.safeParse(node.data);
    if (!data.success || data.data.source.type !== 'inline') continue;
    return {
      source: 'definition',
      packages: data.data.source.packages.map((p) => ({
        name: p.name,
        dependencies: (p.dependencies ?? []).map((d) => (typeof d === 'string' ? d : d.name)),
        ...(p.estimatedDurationMs !== undefined ? { estimatedDurationMs: p.estimatedDurationMs } : {}),
      })),
    };
  }
  const loops = definition?.definition.nodes.some((n) => n.kind === 'dynamicLoop' || n.kind === 'batchLoop');
  return definition && !loops ? { source: 'none', packages: [] } : undefined;
}
