import type { DefinitionEdge, DefinitionNode, WorkflowSettings } from '../definition';

/**
 * The canvas's edits as data, in the spirit of xyflow's change objects: every edit the user makes
 * is one of these, applied by the pure `applyChanges`. Each carries what is needed to compute its
 * inverse at apply time, so undo/redo is a log of change lists (see history.ts).
 */
export type WorkflowChange =
  /** Inserts a node (at `index`, default: the end). */
  | { type: 'addNode'; node: DefinitionNode; index?: number }
  /** Removes a node; its edges must be removed first (see `deleteSelection`). */
  | { type: 'removeNode'; id: string }
  /** Moves a node on the canvas. */
  | { type: 'moveNode'; id: string; position: { x: number; y: number } }
  /** Replaces a node's kind-specific data. */
  | { type: 'setNodeData'; id: string; data: Record<string, unknown> }
  /** Sets (or clears, with undefined) a node's label. */
  | { type: 'setNodeLabel'; id: string; label: string | undefined }
  /** Inserts an edge (at `index`, default: the end). */
  | { type: 'addEdge'; edge: DefinitionEdge; index?: number }
  /** Removes an edge. */
  | { type: 'removeEdge'; id: string }
  /** Renames the workflow or changes its description. */
  | { type: 'setMeta'; name?: string; description?: string | undefined }
  /** Replaces the workflow settings (task queue, run inputs). */
  | { type: 'setSettings'; settings: WorkflowSettings };

/** The type tag of a change. */
export type WorkflowChangeType = WorkflowChange['type'];
