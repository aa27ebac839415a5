import type { LayoutEdge, LayoutNode, LayoutOptions, LayoutResult } from '../../../core/layout';

/** Messages of the layout Web Worker; the id lets the page drop answers to stale requests. */
export interface LayoutRequest {
  id: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  options: LayoutOptions;
}

export type LayoutResponse =
  | { id: number; ok: true; result: LayoutResult; elapsedMs: number }
  | { id: number; ok: false; error: string };
