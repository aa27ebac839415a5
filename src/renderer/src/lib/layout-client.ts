import {
  graphHash,
  layoutJobKey,
  LruCache,
  runLayoutJob,
  type LayoutEdge,
  type LayoutJob,
  type LayoutNode,
  type LayoutResult,
} from '../../../core/layout';
import type { WorkflowDefinition } from '../../../core/definition';
import { DEFINITION_LAYOUT_OPTIONS, definitionLayoutInput, roundPositions } from '../../../core/editor';
import type { LayoutRequest, LayoutResponse } from '../workers/layout-protocol';

/**
 * The page's one client of the layout Web Worker (run graphs and the editor's open / tidy-up):
 * posts a job, answers from an LRU cache keyed by graph hash + options when it can, and records
 * each layout as a User Timing measure (`wb:layout`, visible in DevTools and read by the
 * benchmarks). Where no Worker exists (unit tests under Node) the job runs inline.
 */

/**
 * Above this many packages the run page asks for the layered sweep layout instead of dagre:
 * dagre (reduced, longest-path) takes seconds at 500 packages on a loaded 2-core machine
 * (benchmarks/layout.bench.ts), while the sweep lays out 2,000 in tens of milliseconds in the
 * worker (benchmarks/dashboard.bench.ts).
 */
export const DAGRE_MAX_NODES = 300;

/** What a layout answered, and how: from the cache, or computed (worker time in ms). */
export interface LayoutAnswer {
  result: LayoutResult;
  cached: boolean;
  elapsedMs: number;
}

const cache = new LruCache<LayoutResult>(16);
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: LayoutAnswer) => void; reject: (e: Error) => void }>();

function layoutWorker(): Worker | undefined {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return undefined;
  worker = new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const data = event.data;
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if (data.ok) waiter.resolve({ result: data.result, cached: false, elapsedMs: data.elapsedMs });
    else waiter.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(event.message || 'layout worker failed'));
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/** The cache key of a graph (its node ids and edges). */
export function layoutKey(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): string {
  return graphHash(
    nodes.map((n) => n.id),
    edges,
  );
}

/** The cached layout of a job, if one was computed. */
export function cachedLayout(graphKey: string, job: LayoutJob): LayoutResult | undefined {
  return cache.get(layoutJobKey(graphKey, job));
}

/** A job's layout: from the cache, else computed in the worker (inline without one). */
export async function requestLayout(graphKey: string, job: LayoutJob): Promise<LayoutAnswer> {
  const key = layoutJobKey(graphKey, job);
  const hit = cache.get(key);
  const start = performance.now();
  let answer: LayoutAnswer;
  if (hit) answer = { result: hit, cached: true, elapsedMs: 0 };
  else {
    const target = layoutWorker();
    if (!target) {
      const result = runLayoutJob(job);
      answer = { result, cached: false, elapsedMs: performance.now() - start };
    } else {
      const id = nextId++;
      answer = await new Promise<LayoutAnswer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: LayoutRequest = { id, job };
        target.postMessage(request);
      });
    }
    cache.set(key, answer.result);
  }
  mark(job, answer, start);
  return answer;
}

function mark(job: LayoutJob, answer: LayoutAnswer, start: number): void {
  const nodes = job.kind === 'dagre' ? job.nodes.length : job.layers.reduce((n, l) => n + l.length, 0);
  try {
    performance.measure('wb:layout', {
      start,
      end: performance.now(),
      detail: { kind: job.kind, nodes, cached: answer.cached, workerMs: answer.elapsedMs },
    });
  } catch {
    // User Timing is diagnostics only.
  }
}

/**
 * A definition's layout (the editor's open of unpositioned nodes, and tidy up), computed in the
 * worker: dagre on a 500-node definition takes hundreds of ms, which the editor must not block on.
 */
export async function layoutDefinitionInWorker(
  def: Pick<WorkflowDefinition, 'nodes' | 'edges'>,
): Promise<Map<string, { x: number; y: number }>> {
  const { nodes, edges } = definitionLayoutInput(def);
  const { result } = await requestLayout(layoutKey(nodes, edges), {
    kind: 'dagre',
    nodes,
    edges,
    options: DEFINITION_LAYOUT_OPTIONS,
  });
  return roundPositions(result.positions);
}
