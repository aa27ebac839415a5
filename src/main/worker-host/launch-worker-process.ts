import {
  forkChildProcess,
  resolveChildEntry,
  type ChildProcessHandle,
  type LaunchChildProcess,
} from '../child-process/child-process-handle';
import type { HostToWorker, WorkerToHost } from './worker-protocol';

/** The worker process as the WorkerHost sees it. */
export type WorkerProcessHandle = ChildProcessHandle<HostToWorker, WorkerToHost>;

/** Starts a worker process. Injected so the Electron adapter can use utilityProcess instead. */
export type LaunchWorkerProcess = LaunchChildProcess<HostToWorker, WorkerToHost>;

/**
 * Node options of every worker process: a young generation of up to 64 MiB per semi-space instead
 * of Node's 16 MiB. A worker turns every workflow task into short-lived protobuf and activation
 * objects; with fewer scavenges, a package's cycle (build end → next build start) was 3.6–5.5 ms
 * shorter in two benchmark runs of three (docs/architecture/performance.md, "Fifth pass"). The
 * memory is committed only as the worker's allocation rate needs it.
 */
export const WORKER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];

/** `worker-process.js` next to the bundled main, else the TypeScript source through tsx. */
export function resolveWorkerEntry(): { entry: string; execArgv: string[] } {
  const location = resolveChildEntry(import.meta.url, 'worker-process');
  return { entry: location.entry, execArgv: [...WORKER_NODE_OPTIONS, ...location.execArgv] };
}

/** Forks the worker under plain Node. */
export const launchNodeWorkerProcess: LaunchWorkerProcess = () => forkChildProcess(resolveWorkerEntry());
