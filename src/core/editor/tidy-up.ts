import type { WorkflowDefinition } from '../definition';
import { layoutGraph } from '../layout/layout-graph';
import type { WorkflowChange } from './changes';

/** Size the canvas draws a node at; the layout spaces nodes by it. */
export const NODE_SIZE = { width: 220, height: 72 } as const;

/**
 * A definition's nodes laid out top to bottom: dagre's own ranker and every edge (a workflow's
 * control flow has no transitive edges worth removing), whole pixels for the canvas.
 */
export function layoutDefinition(def: Pick<WorkflowDefinition, 'nodes' | 'edges'>): Map<string, { x: number; y: number }> {
  const { positions } = layoutGraph(
    def.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
    def.edges.map((e) => ({ source: e.source, target: e.target })),
    { direction: 'TB', ranker: 'network-simplex', reduce: false, nodeSep: 40, rankSep: 60 },
  );
  return new Map(
    Object.entries(positions).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]),
  );
}

/** Moves every node to a top-to-bottom layered layout: one change list, so one undo step. */
export function tidyUpChanges(def: WorkflowDefinition): WorkflowChange[] {
  const positions = layoutDefinition(def);
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
export function placeUnpositioned(def: WorkflowDefinition): WorkflowDefinition {
  if (def.nodes.every((n) => n.position)) return def;
  const positions = layoutDefinition(def);
  return {
    ...def,
    nodes: def.nodes.map((n) => (n.position ? n : { ...n, position: positions.get(n.id) ?? { x: 0, y: 0 } })),
  };
}
