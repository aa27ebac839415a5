import type { WorkflowDefinition } from '../definition';
import type { WorkflowChange } from './changes';

/** Why a change could not be applied (names the element), e.g. `no node "build"`. */
export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeError';
  }
}

/** A definition after changes, and the changes that undo them (in the order to apply). */
export interface AppliedChanges {
  definition: WorkflowDefinition;
  inverse: WorkflowChange[];
}

/**
 * Applies `changes` in order to `definition` without mutating it, and returns the new definition
 * with the inverse changes: `applyChanges(result.definition, result.inverse)` gives back the
 * original. Throws `ChangeError` when a change names a missing element or would duplicate an id,
 * leaving the input untouched (a change list applies entirely or not at all).
 */
export function applyChanges(
  definition: WorkflowDefinition,
  changes: readonly WorkflowChange[],
): AppliedChanges {
  let current = definition;
  const inverse: WorkflowChange[] = [];
  for (const change of changes) {
    const step = applyOne(current, change);
    current = step.definition;
    inverse.unshift(step.inverse);
  }
  return { definition: current, inverse };
}

function nodeIndex(def: WorkflowDefinition, id: string): number {
  const index = def.nodes.findIndex((n) => n.id === id);
  if (index < 0) throw new ChangeError(`no node "${id}"`);
  return index;
}

function edgeIndex(def: WorkflowDefinition, id: string): number {
  const index = def.edges.findIndex((e) => e.id === id);
  if (index < 0) throw new ChangeError(`no edge "${id}"`);
  return index;
}

function insertAt<T>(items: readonly T[], item: T, index: number | undefined): T[] {
  const out = items.slice();
  out.splice(index === undefined ? out.length : Math.max(0, Math.min(index, out.length)), 0, item);
  return out;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const out = items.slice();
  out[index] = item;
  return out;
}

function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

function applyOne(
  def: WorkflowDefinition,
  change: WorkflowChange,
): { definition: WorkflowDefinition; inverse: WorkflowChange } {
  switch (change.type) {
    case 'addNode': {
      if (def.nodes.some((n) => n.id === change.node.id))
        throw new ChangeError(`a node "${change.node.id}" already exists`);
      return {
        definition: { ...def, nodes: insertAt(def.nodes, change.node, change.index) },
        inverse: { type: 'removeNode', id: change.node.id },
      };
    }
    case 'removeNode': {
      const index = nodeIndex(def, change.id);
      // A dangling edge would make the definition unsaveable: callers remove edges first.
      const attached = def.edges.find((e) => e.source === change.id || e.target === change.id);
      if (attached) throw new ChangeError(`node "${change.id}" still has edge "${attached.id}"`);
      const node = def.nodes[index]!;
      return {
        definition: { ...def, nodes: removeAt(def.nodes, index) },
        inverse: { type: 'addNode', node, index },
      };
    }
    case 'moveNode': {
      const index = nodeIndex(def, change.id);
      const node = def.nodes[index]!;
      const inverse: WorkflowChange = {
        type: 'moveNode',
        id: change.id,
        position: node.position ?? { x: 0, y: 0 },
      };
      return {
        definition: { ...def, nodes: replaceAt(def.nodes, index, { ...node, position: change.position }) },
        inverse,
      };
    }
    case 'setNodeData': {
      const index = nodeIndex(def, change.id);
      const node = def.nodes[index]!;
      return {
        definition: { ...def, nodes: replaceAt(def.nodes, index, { ...node, data: change.data }) },
        inverse: { type: 'setNodeData', id: change.id, data: node.data },
      };
    }
    case 'setNodeLabel': {
      const index = nodeIndex(def, change.id);
      const { label: previous, ...rest } = def.nodes[index]!;
      const node = change.label === undefined ? rest : { ...rest, label: change.label };
      return {
        definition: { ...def, nodes: replaceAt(def.nodes, index, node) },
        inverse: { type: 'setNodeLabel', id: change.id, label: previous },
      };
    }
    case 'addEdge': {
      if (def.edges.some((e) => e.id === change.edge.id))
        throw new ChangeError(`an edge "${change.edge.id}" already exists`);
      for (const end of [change.edge.source, change.edge.target]) nodeIndex(def, end);
      return {
        definition: { ...def, edges: insertAt(def.edges, change.edge, change.index) },
        inverse: { type: 'removeEdge', id: change.edge.id },
      };
    }
    case 'removeEdge': {
      const index = edgeIndex(def, change.id);
      return {
        definition: { ...def, edges: removeAt(def.edges, index) },
        inverse: { type: 'addEdge', edge: def.edges[index]!, index },
      };
    }
    case 'setMeta': {
      const inverse: WorkflowChange = { type: 'setMeta' };
      let next = def;
      if (change.name !== undefined) {
        inverse.name = def.name;
        next = { ...next, name: change.name };
      }
      if ('description' in change) {
        inverse.description = def.description;
        const { description: _old, ...rest } = next;
        next = change.description === undefined ? rest : { ...rest, description: change.description };
      }
      return { definition: next, inverse };
    }
    case 'setSettings':
      return {
        definition: { ...def, settings: change.settings },
        inverse: { type: 'setSettings', settings: def.settings },
      };
  }
}
