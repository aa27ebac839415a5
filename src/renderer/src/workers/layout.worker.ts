import { runLayoutJob } from '../../../core/layout';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

/** The worker's global, typed without the WebWorker lib (which clashes with the DOM lib here). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

// The whole worker: layouts run here so the page never blocks on one.
scope.onmessage = (event) => {
  const { id, job } = event.data;
  const t0 = performance.now();
  let response: LayoutResponse;
  try {
    response = { id, ok: true, result: runLayoutJob(job), elapsedMs: performance.now() - t0 };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
