import type { z } from 'zod';

/** Palette group of a node kind. */
export type NodeCategory = 'flow' | 'activities' | 'children' | 'packages' | 'output';

/** How a node kind shows in the palette and the inspector. */
export interface NodeKindDisplay {
  /** Name in the palette, e.g. "Dynamic loop". */
  readonly label: string;
  /** One or two sentences for the palette's tooltip and the inspector's header. */
  readonly description: string;
  /** Palette group. */
  readonly category: NodeCategory;
}

/**
 * Control-flow ports of a node kind: `inputs` is how many incoming edges it may have (start: none),
 * `outputs` what may leave it — `none` (end), `one` or more (more than one runs the targets in
 * parallel), or `branches` (a condition: one edge per `branch: 'true' | 'false'`).
 */
export interface NodePorts {
  readonly inputs: 'none' | 'one-or-more';
  readonly outputs: 'none' | 'one-or-more' | 'branches';
}

/**
 * One node kind: the strict schema of its `data`, the data a new node starts with, and its display
 * metadata, so the editor builds the palette and the inspector form from this module alone.
 */
export interface NodeKindModule<K extends string = string, S extends z.ZodObject = z.ZodObject> {
  /** The `kind` of nodes of this kind. */
  readonly kind: K;
  /** Version of this kind's data contract; bumped when its meaning changes. */
  readonly version: number;
  /** The complete data schema, as the compiler requires it. */
  readonly schema: S;
  /**
   * What a save accepts: the same fields with every top-level field optional, still strict about
   * unknown fields and types, so a half-configured node can be stored and is reported by the
   * compiler (with its path) instead of refused by the store.
   */
  readonly draftSchema: z.ZodType;
  /** The data a newly dropped node starts with: a draft (required references are picked by the user). */
  readonly defaultData: Partial<z.input<S>>;
  /** Palette and inspector metadata. */
  readonly display: NodeKindDisplay;
  /** Control-flow ports. */
  readonly ports: NodePorts;
}

/** Declares a node kind; derives its draft schema. */
export function defineNodeKind<K extends string, S extends z.ZodObject>(
  module: Omit<NodeKindModule<K, S>, 'draftSchema'>,
): NodeKindModule<K, S> {
  return { ...module, draftSchema: module.schema.partial() };
}
