import dagre from '@dagrejs/dagre';

/** A node to lay out, with its size on screen. */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

/** A directed edge between two laid-out nodes. */
export interface LayoutEdge {
  source: string;
  target: string;
}

/** Options of `layoutGraph`. */
export interface LayoutOptions {
  /** Flow direction: top to bottom or left to right. @default 'TB' */
  direction?: 'TB' | 'LR';
  /** Gap between nodes of one rank, px. @default 40 */
  nodeGap?: number;
  /** Gap between ranks, px. @default 60 */
  rankGap?: number;
}

/**
 * Lays out a directed graph with dagre and returns each node's top-left position (the canvas's
 * convention; dagre answers centres). Pure: a new dagre graph per call, no module state, so the
 * canvas (inline or from a worker), tests and benchmarks all call the same function.
 */
export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: options.direction ?? 'TB',
    nodesep: options.nodeGap ?? 40,
    ranksep: options.rankGap ?? 60,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of edges)
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    positions.set(node.id, {
      x: Math.round(laid.x - node.width / 2),
      y: Math.round(laid.y - node.height / 2),
    });
  }
  return positions;
}
