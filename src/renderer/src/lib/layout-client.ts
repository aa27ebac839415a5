import {
  graphHash,
  type LayoutEdge,
  type LayoutNode,
  type LayoutOptions,
  type LayoutResult,
} from '../../../core/layout';
import type { LayoutRequest, LayoutResponse } from '../workers/layout-protocol';

/**
 * Asks the layout Web Worker for a dagre layout, cached by graph hash for the page's lifetime (a
 * run page opened again, or a second run of the same graph, lays out at once).
 */

/**
 * Above this many packages dagre cannot answer in time (measured: 500 packages / ~2,500 edges
 * take ~4 s even reduced, with longest-path, on a loaded 2-core machine; see benchmarks/
 * layout.bench.ts), so the engine's layered layout is the layout.
 */
export const DAGRE_MAX_NODES = 300;

const cache = new Map<string, LayoutResult>();
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const data = event.data;
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if (data.ok) waiter.resolve(data.result);
    else waiter.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(event.message || 'layout worker failed'));
    pending.clear();
    worker = undefined;
  };
  return worker;
}

/** The cached layout of a graph, if one was computed. */
export function cachedLayout(key: string): LayoutResult | undefined {
  return cache.get(key);
}

/** The cache key of a graph. */
export function layoutKey(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): string {
  return graphHash(
    nodes.map((n) => n.id),
    edges,
  );
}

/** The dagre layout of a graph, computed in the worker (or taken from the cache under `key`). */
export function requestLayout(
  key: string,
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  options: LayoutOptions = {},
): Promise<LayoutResult> {
  const hit = cache.get(key);
  if (hit) return Promise.resolve(hit);
  const id = nextId++;
  return new Promise<LayoutResult>((resolve, reject) => {
    pending.set(id, {
      resolve: (result) => {
        cache.set(key, result);
        resolve(result);
      },
      reject,
    });
    const request: LayoutRequest = { id, nodes, edges, options };
    layoutWorker().postMessage(request);
  });
}
