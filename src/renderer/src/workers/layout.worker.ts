import { layoutGraph } from '../../../core/layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

/** The worker's global, typed without the WebWorker lib (which clashes with the DOM lib here). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

// The whole worker: dagre runs here so the page never blocks on a layout.
scope.onmessage = (event) => {
  const { id, nodes, edges, options } = event.data;
  const t0 = performance.now();
  let response: LayoutResponse;
  try {
    response = {
      id,
      ok: true,
      result: layoutGraph(nodes, edges, options),
      elapsedMs: performance.now() - t0,
    };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
