import type { MiniMapNodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useNodeState } from './use-node-state';

/**
 * A package on the minimap, coloured by its status. It reads its own state, like the graph's
 * nodes, so a delta repaints only the minimap boxes it touches and the graph never re-renders
 * for a status.
 */
export const StatusMiniMapNode = memo(function StatusMiniMapNode({
  id,
  x,
  y,
  width,
  height,
  borderRadius,
  shapeRendering,
}: MiniMapNodeProps) {
  const { status } = useNodeState(id);
  return (
    <rect
      className={`react-flow__minimap-node minimap-node status--${status}`}
      x={x}
      y={y}
      rx={borderRadius}
      ry={borderRadius}
      width={width}
      height={height}
      shapeRendering={shapeRendering}
    />
  );
});
