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

/** `worker-process.js` next to the bundled main, else the TypeScript source through tsx. */
export function resolveWorkerEntry(): { entry: string; execArgv: string[] } {
  return resolveChildEntry(import.meta.url, 'worker-process');
}

/** Forks the worker under plain Node. */
export const launchNodeWorkerProcess: LaunchWorkerProcess = () => forkChildProcess(resolveWorkerEntry());
