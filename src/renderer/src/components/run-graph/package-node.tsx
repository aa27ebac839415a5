import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useStore } from 'zustand';
import type { LayoutDirection } from '../../../../core/layout';
import { PACKAGE_STATUS_LABELS } from '../../../../core/run-status';
import { statusOf } from '../../lib/run-graph-model';
import { formatDuration } from '../../lib/run-format';
import { useRunGraphStores } from './run-graph-context';

export type PackageNodeData = { name: string; direction: LayoutDirection };
export type PackageNodeType = Node<PackageNodeData, 'package'>;

/**
 * One package on the run graph. It selects its own status and highlight from the stores, so a
 * status change re-renders only the nodes it touches (the graph's node list never changes).
 * Zoomed out, its text is hidden by the canvas's `flow--simple` class (FlowDetail), not by a
 * re-render of every node.
 */
export const PackageNode = memo(function PackageNode({ data }: NodeProps<PackageNodeType>) {
  const { run, ui } = useRunGraphStores();
  const { name, direction } = data;
  const [into, out] = direction === 'TB' ? [Position.Top, Position.Bottom] : [Position.Left, Position.Right];
  const pkg = useStore(run, (s) => s.view?.packages[name]);
  const status = useStore(run, (s) => statusOf(s.view, name));
  const selected = useStore(run, (s) => s.selected === name);
  const critical = useStore(ui, (s) => s.critical.has(name));
  const dimmed = useStore(
    ui,
    (s) =>
      (s.focus !== null && !s.focus.has(name)) ||
      (s.matches !== null && !s.matches.has(name)) ||
      (s.hideCompleted && (status === 'completed' || status === 'up-to-date')),
  );
  const className = [
    'package-node',
    `status--${status}`,
    critical ? 'package-node--critical' : '',
    dimmed ? 'package-node--dimmed' : '',
    selected ? 'package-node--selected' : '',
  ].join(' ');
  const detail =
    status === 'completed' && pkg?.durationMs !== undefined
      ? formatDuration(pkg.durationMs)
      : status === 'building' && (pkg?.attempt ?? 1) > 1
        ? `attempt ${pkg?.attempt}`
        : status === 'blocked' && pkg?.blockedBy
          ? `by ${pkg.blockedBy}`
          : null;
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
