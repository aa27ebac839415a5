import { Worker } from 'node:worker_threads';

/**
 * The benchmarks' baseline: dagre's defaults (network-simplex, every declared edge, no
 * reduction) run synchronously, as a page that laid out on its main thread would. It runs in a
 * worker thread only so that a size that takes minutes can be stopped at `deadlineMs`; the
 * figure is the blocking time of the one `dagre.layout` call.
 */
export interface BaselineResult {
  ms: number;
  /** True when the layout did not finish within the deadline (ms is then the deadline). */
  stopped: boolean;
}

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dagre = require('@dagrejs/dagre');
const { nodes, edges } = workerData;
const g = new dagre.graphlib.Graph();
g.setGraph({});
g.setDefaultEdgeLabel(() => ({}));
for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
for (const e of edges) g.setEdge(e.source, e.target);
const t0 = performance.now();
dagre.layout(g);
parentPort.postMessage(performance.now() - t0);
`;

export function dagreDefaultsMs(
  nodes: ReadonlyArray<{ id: string; width: number; height: number }>,
  edges: ReadonlyArray<{ source: string; target: string }>,
  deadlineMs: number,
): Promise<BaselineResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { nodes, edges } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ms: deadlineMs, stopped: true });
    }, deadlineMs);
    worker.once('message', (elapsed: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ ms: elapsed, stopped: false });
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
