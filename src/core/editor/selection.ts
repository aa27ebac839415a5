import {
  NODE_KINDS,
  type DefinitionEdge,
  type DefinitionNode,
  type NodeKind,
  type WorkflowDefinition,
} from '../definition';
import type { WorkflowChange } from './changes';
import { freshId } from './ids';

/** A deep copy of plain JSON data (core has no DOM or Node globals such as structuredClone). */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Nodes and the edges between them, as copied to the clipboard (also across definitions). */
export interface ClipboardContent {
  /** Marks the clipboard text as ours, so a paste of unrelated text is ignored. */
  format: 'workflow-builder/nodes@1';
  nodes: DefinitionNode[];
  edges: DefinitionEdge[];
}

/** A new node of `kind` at `position`, with the kind's default data and a fresh id. */
export function addNodeChange(
  def: WorkflowDefinition,
  kind: NodeKind,
  position: { x: number; y: number },
): WorkflowChange {
  const id = freshId(
    kind,
    def.nodes.map((n) => n.id),
  );
  const data = cloneJson(NODE_KINDS[kind].defaultData) as Record<string, unknown>;
  return { type: 'addNode', node: { id, kind, position, data } };
}

/**
 * Deletes the given nodes and edges, and every edge attached to a deleted node, as one change
 * list (edges first, so each step stays a valid definition).
 */
export function deleteSelection(
  def: WorkflowDefinition,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): WorkflowChange[] {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  for (const e of def.edges) if (nodes.has(e.source) || nodes.has(e.target)) edges.add(e.id);
  return [
    ...def.edges
      .filter((e) => edges.has(e.id))
      .map((e): WorkflowChange => ({ type: 'removeEdge', id: e.id })),
    ...def.nodes
      .filter((n) => nodes.has(n.id))
      .map((n): WorkflowChange => ({ type: 'removeNode', id: n.id })),
  ];
}

/** The given nodes and the edges among them, ready for the clipboard. */
export function copySelection(def: WorkflowDefinition, nodeIds: Iterable<string>): ClipboardContent {
  const ids = new Set(nodeIds);
  return {
    format: 'workflow-builder/nodes@1',
    nodes: cloneJson(def.nodes.filter((n) => ids.has(n.id))),
    edges: cloneJson(def.edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
  };
}

/** Parses clipboard text; undefined when it is not nodes copied from this app. */
export function parseClipboard(text: string): ClipboardContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClipboardContent>;
    if (
      value.format !== 'workflow-builder/nodes@1' ||
      !Array.isArray(value.nodes) ||
      !Array.isArray(value.edges)
    )
      return undefined;
    return value as ClipboardContent;
  } catch {
    return undefined;
  }
}

/**
 * Changes that paste `clip` into `def`: every node gets a fresh id (its edges follow), positions
 * shift by `offset`, and a second start node is left out (a workflow has exactly one). Returns the
 * changes and the ids of the pasted nodes, to select them.
 */
export function pasteChanges(
  def: WorkflowDefinition,
  clip: ClipboardContent,
  offset: { x: number; y: number } = { x: 40, y: 40 },
): { changes: WorkflowChange[]; nodeIds: string[] } {
  const takenNodes = def.nodes.map((n) => n.id);
  const takenEdges = def.edges.map((e) => e.id);
  const rename = new Map<string, string>();
  const hasStart = def.nodes.some((n) => n.kind === 'start');
  const changes: WorkflowChange[] = [];
  for (const node of clip.nodes) {
    if (node.kind === 'start' && hasStart) continue;
    const id = freshId(node.id, takenNodes);
    takenNodes.push(id);
    rename.set(node.id, id);
    const position = node.position
      ? { x: node.position.x + offset.x, y: node.position.y + offset.y }
      : undefined;
    changes.push({ type: 'addNode', node: { ...cloneJson(node), id, ...(position && { position }) } });
  }
  for (const edge of clip.edges) {
    const source = rename.get(edge.source);
    const target = rename.get(edge.target);
    if (!source || !target) continue;
    const id = freshId(edge.id, takenEdges);
    takenEdges.push(id);
    changes.push({ type: 'addEdge', edge: { ...edge, id, source, target } });
  }
  return { changes, nodeIds: [...rename.values()] };
}
