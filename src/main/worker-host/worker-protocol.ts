/**
 * Messages between the WorkerHost (main) and the worker process. Plain JSON so the same
 * protocol runs over Node's fork() channel and Electron's utilityProcess port.
 */

import type { WorkerPolicy } from '../../core/settings/worker-policy';

/** How the worker reaches Temporal. Secrets are resolved by main and passed in memory only. */
export interface WorkerConnection {
  address: string;
  namespace: string;
  tls?: { serverName?: string; caPem?: string; certPem?: string; keyPem?: string };
  apiKey?: string;
}

/** One Temporal worker to run: a task queue and where its workflow code comes from. */
export interface WorkerSpec {
  taskQueue: string;
  /** Path of a workflows module to bundle (TypeScript or JavaScript). */
  workflowsPath?: string;
  /** Path of an already bundled workflow code file (what compiled definitions use). */
  workflowBundlePath?: string;
  /** @default 8 */
  maxConcurrentActivityTaskExecutions?: number;
}

export type HostToWorker =
  | { type: 'start'; connection: WorkerConnection; workers: WorkerSpec[]; policy: WorkerPolicy }
  /** The user opened or closed a workspace, or edited the command allow-list. */
  | { type: 'policy'; policy: WorkerPolicy }
  | { type: 'shutdown' };

export type WorkerToHost =
  | { type: 'ready'; taskQueues: string[] }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
