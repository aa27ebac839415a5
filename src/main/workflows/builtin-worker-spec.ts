import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerSpec } from '../worker-host/worker-protocol';

/** File name of the pre-bundled built-in workflows, written next to the main bundle by `npm run build`. */
export const BUILTIN_BUNDLE_FILE = 'builtin-workflows.bundle.js';

/**
 * The worker spec of the built-in workflows: the bundle made at build time in a packaged app
 * (no webpack at run time), or the TypeScript source bundled by the worker when running from
 * source.
 */
export function builtinWorkerSpec(taskQueue: string): WorkerSpec {
  const bundled = fileURLToPath(new URL(`./${BUILTIN_BUNDLE_FILE}`, import.meta.url));
  if (existsSync(bundled)) return { taskQueue, workflowBundlePath: bundled };
  return { taskQueue, workflowsPath: fileURLToPath(new URL('./builtin-workflows.ts', import.meta.url)) };
}
