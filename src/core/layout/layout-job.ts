import { layoutGraph, type LayoutNode, type LayoutOptions, type LayoutResult } from './layout-graph';
import { sweepLayout, type SweepLayoutOptions } from './sweep-layout';
import type { LayoutEdge } from './transitive-reduction';

/**
 * One layout to compute, as plain data: what the renderer posts to its layout Web Worker (the
 * run page's package graph and the editor's open / tidy-up use the same worker).
 */
export type LayoutJob =
  | { kind: 'dagre'; nodes: LayoutNode[]; edges: LayoutEdge[]; options: LayoutOptions }
  | {
      kind: 'sweep';
      layers: string[][];
      edges: LayoutEdge[];
      box: { width: number; height: number };
      options: SweepLayoutOptions;
    };

/** Computes a job (synchronously: call it in a worker, or inline where blocking is fine). */
export function runLayoutJob(job: LayoutJob): LayoutResult {
  if (job.kind === 'dagre') return layoutGraph(job.nodes, job.edges, job.options);
  return { ...sweepLayout(job.layers, job.edges, job.box, job.options), edges: job.edges };
}

/** The cache key of a job: the graph's hash plus everything else that changes the result. */
export function layoutJobKey(graphKey: string, job: LayoutJob): string {
  const { kind, options } = job;
  const sizes =
    job.kind === 'sweep'
      ? `${job.box.width}x${job.box.height}`
      : [...new Set(job.nodes.map((n) => `${n.width}x${n.height}`))].join(',');
  return `${kind}:${graphKey}:${JSON.stringify(options)}:${sizes}`;
}
