import type { LayoutJob, LayoutResult } from '../../../core/layout';

/** Messages of the layout Web Worker; the id pairs an answer with its request. */
export interface LayoutRequest {
  id: number;
  job: LayoutJob;
}

export type LayoutResponse =
  | { id: number; ok: true; result: LayoutResult; elapsedMs: number }
  | { id: number; ok: false; error: string };
