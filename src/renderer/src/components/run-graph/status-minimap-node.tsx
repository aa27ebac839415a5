import type { MiniMapNodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useStore } from 'zustand';
import { statusOf } from '../../lib/run-graph-model';
import { useRunGraphStores } from './run-graph-context';

/**
 * A package on the minimap, coloured by its status. It selects its own status, like the graph's
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
  const { run } = useRunGraphStores();
  const status = useStore(run, (s) => statusOf(s.view, id));
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
