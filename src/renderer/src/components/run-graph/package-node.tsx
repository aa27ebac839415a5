import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LayoutDirection } from '../../../../core/layout';
import { PACKAGE_STATUS_LABELS } from '../../../../core/run-status';
import { useNodeState } from './use-node-state';

export type PackageNodeData = { name: string; direction: LayoutDirection };
export type PackageNodeType = Node<PackageNodeData, 'package'>;

/**
 * One package on the run graph. It reads its own status and highlight from the node state hub,
 * so a status change re-renders only the nodes it touches (the graph's node list never changes).
 * Zoomed out, its text is hidden by the canvas's `flow--simple` class (FlowDetail), not by a
 * re-render of every node.
 */
export const PackageNode = memo(function PackageNode({ data }: NodeProps<PackageNodeType>) {
  const { name, direction } = data;
  const [into, out] = direction === 'TB' ? [Position.Top, Position.Bottom] : [Position.Left, Position.Right];
  const { status, detail, critical, dimmed, selected } = useNodeState(name);
  const className = [
    'package-node',
    `status--${status}`,
    critical ? 'package-node--critical' : '',
    dimmed ? 'package-node--dimmed' : '',
    selected ? 'package-node--selected' : '',
  ].join(' ');
  return (
    <div
      className={className}
      data-testid="package-node"
      data-package={name}
      data-status={status}
      title={`${name}: ${PACKAGE_STATUS_LABELS[status]}`}
    >
      <Handle type="target" position={into} isConnectable={false} />
      <span className="package-node__name">{name}</span>
      <span className="package-node__status">
        {PACKAGE_STATUS_LABELS[status]}
        {detail ? <span className="package-node__detail"> · {detail}</span> : null}
      </span>
      <Handle type="source" position={out} isConnectable={false} />
    </div>
  );
});
