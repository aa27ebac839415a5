import type { DefinitionNode, WorkflowDefinition } from '../../../core/definition';

/** A one-line summary of a node's settings for the canvas, e.g. "N = 4 · child PackageBuild". */
export function nodeSummary(
  node: DefinitionNode,
  def: WorkflowDefinition,
  definitionName: (id: string) => string | undefined,
): string {
  const d = node.data;
  const childName = (ref: unknown): string | undefined => {
    if (!ref || typeof ref !== 'object') return undefined;
    const r = ref as { definitionId?: string; workflowType?: string };
    return (
      r.workflowType ?? (r.definitionId ? (definitionName(r.definitionId) ?? r.definitionId) : undefined)
    );
  };
  switch (node.kind) {
    case 'activity':
      return typeof d.activity === 'string' ? d.activity : 'choose an activity';
    case 'dynamicLoop':
    case 'batchLoop': {
      const n =
        typeof d.maxConcurrent === 'number'
          ? `N = ${d.maxConcurrent}`
          : typeof d.batchSize === 'number'
            ? `batch ${d.batchSize}`
            : '';
      const child = childName(d.child);
      return [n, child ? `child ${child}` : 'choose a child'].filter(Boolean).join(' · ');
    }
    case 'childWorkflow': {
      const child = childName(d.workflow);
      return `${d.mode === 'start' ? 'start' : 'execute'} ${child ?? '(choose a workflow)'}`;
    }
    case 'dependencyGraph': {
      const source = d.source as { type?: string; packages?: unknown[] } | undefined;
      return source?.type === 'inline'
        ? `${source.packages?.length ?? 0} packages (inline)`
        : (source?.type ?? 'choose a source');
    }
    case 'condition':
      return typeof d.left === 'string'
        ? `${d.left} ${String(d.op ?? '')} ${d.right === undefined ? '' : JSON.stringify(d.right)}`
        : 'choose a value';
    case 'start': {
      const inputs = def.settings.inputs?.length ?? 0;
      return inputs > 0 ? `${inputs} input${inputs > 1 ? 's' : ''}` : 'no inputs';
    }
    default:
      return '';
  }
}
