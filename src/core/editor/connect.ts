import { NODE_KINDS, type DefinitionEdge, type WorkflowDefinition } from '../definition';
import { freshId } from './ids';

/** A proposed connection from one node's output handle to another node's input. */
export interface ConnectionRequest {
  source: string;
  target: string;
  /** Condition nodes only: which outcome's handle the edge leaves ('true' | 'false'). */
  branch?: 'true' | 'false';
}

/** Whether an edge may be drawn, and if not, why in words for the user. */
export type ConnectionCheck = { ok: true; edge: DefinitionEdge } | { ok: false; reason: string };

function labelOf(def: WorkflowDefinition, id: string): string {
  const node = def.nodes.find((n) => n.id === id);
  return node ? `"${node.label ?? node.id}"` : `"${id}"`;
}

/** True when `to` can already reach `from` over control-flow edges (a new from→to edge would close a cycle). */
function reaches(def: WorkflowDefinition, from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of def.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}

/**
 * Checks a connection against the kinds' ports (src/core/definition/node-kinds) and the rules
 * the compiler enforces on control flow — no edge into a start or out of an end, a condition's
 * edges on its true/false handles only once each, no duplicate edge, no cycle — so the canvas
 * refuses an illegal edge while it is being drawn, with the reason, instead of at save time.
 */
export function checkConnection(def: WorkflowDefinition, request: ConnectionRequest): ConnectionCheck {
  const source = def.nodes.find((n) => n.id === request.source);
  const target = def.nodes.find((n) => n.id === request.target);
  if (!source || !target) return { ok: false, reason: 'Both ends must be nodes of this workflow.' };
  const sourceKind = NODE_KINDS[source.kind];
  const targetKind = NODE_KINDS[target.kind];
  if (source.id === target.id) return { ok: false, reason: 'A node cannot connect to itself.' };
  if (sourceKind.ports.outputs === 'none')
    return {
      ok: false,
      reason: `${labelOf(def, source.id)} is a ${sourceKind.display.label} node: nothing runs after it.`,
    };
  if (targetKind.ports.inputs === 'none')
    return {
      ok: false,
      reason: `${labelOf(def, target.id)} is a ${targetKind.display.label} node: nothing can lead into it.`,
    };
  if (sourceKind.ports.outputs === 'branches') {
    if (!request.branch)
      return { ok: false, reason: `Connect ${labelOf(def, source.id)} from its "true" or "false" handle.` };
    if (def.edges.some((e) => e.source === source.id && e.branch === request.branch))
      return { ok: false, reason: `${labelOf(def, source.id)} already has a "${request.branch}" edge.` };
  } else if (request.branch) {
    return { ok: false, reason: `Only condition nodes have true/false branches.` };
  }
  if (def.edges.some((e) => e.source === source.id && e.target === target.id))
    return {
      ok: false,
      reason: `${labelOf(def, source.id)} is already connected to ${labelOf(def, target.id)}.`,
    };
  if (reaches(def, target.id, source.id))
    return {
      ok: false,
      reason: `${labelOf(def, target.id)} already runs before ${labelOf(def, source.id)}: this edge would make a cycle.`,
    };
  const edge: DefinitionEdge = {
    id: freshId(
      'e',
      def.edges.map((e) => e.id),
    ),
    source: source.id,
    target: target.id,
    ...(request.branch && { branch: request.branch }),
  };
  return { ok: true, edge };
}
