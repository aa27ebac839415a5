import type { WorkflowDefinition } from '../definition';
import { layoutGraph, type LayoutNode, type LayoutOptions } from '../layout/layout-graph';
import type { LayoutEdge } from '../layout/transitive-reduction';
import type { WorkflowChange } from './changes';

/** Size the canvas draws a node at; the layout spaces nodes by it. */
export const NODE_SIZE = { width: 220, height: 72 } as const;

/**
 * How a definition is laid out: top to bottom, dagre's own ranker and every edge (a workflow's
 * control flow has no transitive edges worth removing).
 */
export const DEFINITION_LAYOUT_OPTIONS: LayoutOptions = {
  direction: 'TB',
  ranker: 'network-simplex',
  reduce: false,
  nodeSep: 40,
  rankSep: 60,
};

/** The boxes and edges of a definition's layout (what the renderer sends to its layout worker). */
export function definitionLayoutInput(def: Pick<WorkflowDefinition, 'nodes' | 'edges'>): {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
} {
  return {
    nodes: def.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
    edges: def.edges.map((e) => ({ source: e.source, target: e.target })),
  };
}

/** Layout positions as whole pixels for the canvas. */
export function roundPositions(
  positions: Readonly<Record<string, { x: number; y: number }>>,
): Map<string, { x: number; y: number }> {
  return new Map(
    Object.entries(positions).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]),
  );
}

/** A definition's nodes laid out, inline (the renderer runs the same layout in its worker). */
export function layoutDefinition(
  def: Pick<WorkflowDefinition, 'nodes' | 'edges'>,
): Map<string, { x: number; y: number }> {
  const { nodes, edges } = definitionLayoutInput(def);
  return roundPositions(layoutGraph(nodes, edges, DEFINITION_LAYOUT_OPTIONS).positions);
}

/** Moves every node to a top-to-bottom layered layout: one change list, so one undo step. */
export function tidyUpChanges(
  def: WorkflowDefinition,
  positions: ReadonlyMap<string, { x: number; y: number }> = layoutDefinition(def),
): WorkflowChange[] {
  const changes: WorkflowChange[] = [];
  for (const node of def.nodes) {
    const position = positions.get(node.id);
    if (position && (node.position?.x !== position.x || node.position?.y !== position.y))
      changes.push({ type: 'moveNode', id: node.id, position });
  }
  return changes;
}

/**
 * The definition with a position for every node: nodes saved without one (a hand-written or
 * imported file) are placed by the layout; positioned nodes stay where they are. Returns the
 * same object when nothing was missing.
 */
export function placeUnpositioned(
  def: WorkflowDefinition,
  laidOut?: ReadonlyMap<string, { x: number; y: number }>,
): WorkflowDefinition {
  if (def.nodes.every((n) => n.position)) return def;
  const positions = laidOut ?? layoutDefinition(def);
  return {
    ...def,
    nodes: def.nodes.map((n) => (n.position ? n : { ...n, position: positions.get(n.id) ?? { x: 0, y: 0 } })),
  };
}
