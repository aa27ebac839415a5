import { Position, getBezierPath, type Edge, type InternalNode, type ReactFlowState } from '@xyflow/react';

type HandleBounds = NonNullable<InternalNode['internals']['handleBounds']>['source'] | undefined;

/** Where an edge leaves or enters a node: the handle's centre on the node's border (as React Flow draws it). */
function handlePoint(
  node: InternalNode,
  handles: HandleBounds,
  id: string | null | undefined,
  fallback: Position,
) {
  const handle = (id ? handles?.find((h) => h.id === id) : undefined) ?? handles?.[0];
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  if (!handle) {
    // Not measured yet: the middle of the side React Flow would use.
    if (fallback === Position.Top) return { x: x + width / 2, y, position: fallback };
    if (fallback === Position.Left) return { x, y: y + height / 2, position: fallback };
    if (fallback === Position.Right) return { x: x + width, y: y + height / 2, position: fallback };
    return { x: x + width / 2, y: y + height, position: fallback };
  }
  const cx = x + handle.x + handle.width / 2;
  const cy = y + handle.y + handle.height / 2;
  switch (handle.position) {
    case Position.Top:
      return { x: cx, y: y + handle.y, position: handle.position };
    case Position.Bottom:
      return { x: cx, y: y + handle.y + handle.height, position: handle.position };
    case Position.Left:
      return { x: x + handle.x, y: cy, position: handle.position };
    default:
      return { x: x + handle.x + handle.width, y: cy, position: handle.position };
  }
}

/** Every edge's Bézier curve (React Flow's default edge) in one SVG path string. */
export function edgesPath(edges: readonly Edge[], nodeLookup: ReactFlowState['nodeLookup']): string {
  const parts: string[] = [];
  for (const edge of edges) {
    const source = nodeLookup.get(edge.source);
    const target = nodeLookup.get(edge.target);
    if (!source || !target || source.hidden || target.hidden) continue;
    const from = handlePoint(
      source,
      source.internals.handleBounds?.source,
      edge.sourceHandle,
      Position.Bottom,
    );
    const to = handlePoint(target, target.internals.handleBounds?.target, edge.targetHandle, Position.Top);
    const [path] = getBezierPath({
      sourceX: from.x,
      sourceY: from.y,
      sourcePosition: from.position,
      targetX: to.x,
      targetY: to.y,
      targetPosition: to.position,
    });
    parts.push(path);
  }
  return parts.join(' ');
}
