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
  /** Poller and cache settings of the Temporal worker (benchmarks/child-overhead.bench.ts compares them). */
  tuning?: WorkerTuning;
}

/**
 * The Temporal WorkerOptions that decide how fast a task reaches the worker. Omitted fields keep
 * the SDK's defaults; docs/architecture/performance.md has the measured effect of each.
 */
export interface WorkerTuning {
  /**
   * Poll slots the worker opens itself, or scaled by the server's feedback. (The SDK 1.24 no longer
   * reads `maxConcurrentWorkflowTaskPolls` / `maxConcurrentActivityTaskPolls`: these are the knobs.)
   */
  workflowTaskPollerBehavior?: PollerBehaviorSpec;
  activityTaskPollerBehavior?: PollerBehaviorSpec;
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  /** Share of workflow-task pollers on the normal queue versus the sticky one. */
  nonStickyToStickyPollRatio?: number;
  /** Threads running workflow code (the SDK's default is 1, with one reused V8 context). */
  workflowThreadPoolSize?: number;
  /** One V8 context for all workflows of a thread (the SDK's default, true) or one per workflow. */
  reuseV8Context?: boolean;
  /** Workflow code on the worker's main thread, without the deadlock timeout (the benchmark's lever only). */
  debugMode?: boolean;
}

export type PollerBehaviorSpec =
  | { type: 'simple-maximum'; maximum?: number }
  | { type: 'autoscaling'; minimum?: number; maximum?: number; initial?: number };

export type HostToWorker =
  | { type: 'start'; connection: WorkerConnection; workers: WorkerSpec[]; policy: WorkerPolicy }
  /** The user opened or closed a workspace, or edited the command allow-list. */
  | { type: 'policy'; policy: WorkerPolicy }
  | { type: 'shutdown' };

export type WorkerToHost =
  | { type: 'ready'; taskQueues: string[] }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
