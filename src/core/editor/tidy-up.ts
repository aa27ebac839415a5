import type { WorkflowDefinition } from '../definition';
import { layoutGraph } from '../layout/layout-graph';
import type { WorkflowChange } from './changes';

/** Size the canvas draws a node at; the layout spaces nodes by it. */
export const NODE_SIZE = { width: 220, height: 72 } as const;

/** Moves every node to a top-to-bottom layered layout: one change list, so one undo step. */
export function tidyUpChanges(def: WorkflowDefinition): WorkflowChange[] {
  const positions = layoutGraph(
    def.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
    def.edges,
  );
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
  const positions = layoutGraph(
    def.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
    def.edges,
  );
  return {
    ...def,
    nodes: def.nodes.map((n) => (n.position ? n : { ...n, position: positions.get(n.id) ?? { x: 0, y: 0 } })),
  };
}
