import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeCategory, NodePorts } from '../../../core/definition';

/** What the canvas draws for one definition node. */
export interface WorkflowNodeData extends Record<string, unknown> {
  title: string;
  kindLabel: string;
  category: NodeCategory;
  summary: string;
  ports: NodePorts;
  errors: number;
  warnings: number;
  /** The Dynamic Loop is drawn distinctly from a batch loop. */
  variant: 'dynamic-loop' | 'default';
}

export type WorkflowFlowNode = Node<WorkflowNodeData, 'workflow'>;

/** A node on the canvas: kind, title, summary, a diagnostics badge and its ports as handles. */
function NodeViewImpl({ data, selected, id }: NodeProps<WorkflowFlowNode>) {
  const problems = data.errors + data.warnings;
  const badge =
    problems > 0 ? (
      <span
        className={`wf-node__badge wf-node__badge--${data.errors > 0 ? 'error' : 'warning'}`}
        data-testid={`node-badge-${id}`}
        title={`${data.errors} error(s), ${data.warnings} warning(s)`}
      >
        {problems}
      </span>
    ) : null;
  return (
    <div
      className={`wf-node wf-node--${data.category} wf-node--${data.variant}${selected ? ' wf-node--selected' : ''}${data.errors > 0 ? ' wf-node--invalid' : ''}`}
      aria-label={`${data.kindLabel} node ${data.title}${problems > 0 ? `, ${problems} problem(s)` : ''}`}
      data-testid={`node-${id}`}
    >
      {data.ports.inputs !== 'none' ? (
        <Handle type="target" position={Position.Top} aria-label={`Input of ${data.title}`} />
      ) : null}
      <div className="wf-node__kind">
        {data.kindLabel}
        {badge}
      </div>
      <div className="wf-node__title">{data.title}</div>
      {data.summary ? <div className="wf-node__summary">{data.summary}</div> : null}
      {data.ports.outputs === 'one-or-more' ? (
        <Handle type="source" position={Position.Bottom} aria-label={`Output of ${data.title}`} />
      ) : null}
      {data.ports.outputs === 'branches' ? (
        <>
          <Handle
            type="source"
            id="true"
            position={Position.Bottom}
            style={{ left: '30%' }}
            aria-label={`True branch of ${data.title}`}
          />
          <Handle
            type="source"
            id="false"
            position={Position.Bottom}
            style={{ left: '70%' }}
            aria-label={`False branch of ${data.title}`}
          />
          <div className="wf-node__branches" aria-hidden="true">
            <span>true</span>
            <span>false</span>
          </div>
        </>
      ) : null}
    </div>
  );
}

export const NodeView = memo(NodeViewImpl);
