import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import type { WorkerPolicy } from '../../../src/core/settings/worker-policy';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { RunMonitor } from '../../../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../../../src/main/store';
import { WorkerHost } from '../../../src/main/worker-host/worker-host';
import { BundleCache } from '../../../src/main/workflow-runtime/bundle-cache';
import type { ProjectCompilerBinding } from '../../../src/main/workflow-runtime/compiler-port';
import { WorkflowRunLauncher } from '../../../src/main/workflow-runtime/run-launcher';
import { readRuntimeSources } from '../../../src/main/workflow-runtime/runtime-sources';
import { WorkflowRegistry } from '../../../src/main/workflow-runtime/workflow-registry';
import { sharedClient, sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

/** Everything main runs for compiled workflows, on the shared dev server, in a temp data folder. */
export interface RuntimeHarness {
  dataDir: string;
  taskQueue: string;
  store: Store;
  bus: EventBus;
  client: Client;
  connection: Connection;
  workerHost: WorkerHost;
  bundles: BundleCache;
  registry: WorkflowRegistry;
  /** Replaceable (tests simulate an app restart); the launcher follows runs with the current one. */
  monitor: RunMonitor;
  launcher: WorkflowRunLauncher;
  logs: string[];
  close(): Promise<void>;
}

export async function createRuntimeHarness(
  compiler: ProjectCompilerBinding,
  prefix = 'rt',
  options: {
    builtinFiles?: Record<string, string>;
    /** What the worker may run: opened workspaces and allowed commands (real builds). */
    policy?: () => WorkerPolicy;
    /** Task queues the harness's worker serves (default: all); others are left to other workers. */
    serves?: (taskQueue: string) => boolean;
  } = {},
): Promise<RuntimeHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), `wb-${prefix}-`));
  const taskQueue = uniqueTaskQueue(prefix);
  const logs: string[] = [];
  const log = (level: string, message: string): void => {
    logs.push(`${level}: ${message}`);
    if (process.env.WB_TEST_VERBOSE) console.log(`[${level}] ${message}`);
  };
  const store = openStore(join(dataDir, 'workflow-builder.db'));
  const bus = new EventBus();
  const { client, connection } = await sharedClient();
  const { address, namespace } = sharedTemporal();
  const ref: { registry?: WorkflowRegistry } = {};
  const workerHost = new WorkerHost({
    connection: () => ({ address, namespace }),
    workers: () => (ref.registry?.specs() ?? []).filter((s) => options.serves?.(s.taskQueue) ?? true),
    stopTimeoutMs: 15_000,
    onLog: log,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const bundles = new BundleCache({ dataDir, log });
  const runtime = await readRuntimeSources();
  const registry = (ref.registry = new WorkflowRegistry({
    store,
    compiler,
    bundles,
    runtimeFiles: async () => runtime,
    defaultTaskQueue: taskQueue,
    workerHost,
    ...(options.builtinFiles ? { builtin: { taskQueue, files: async () => options.builtinFiles! } } : {}),
    log,
  }));
  const harness = {} as RuntimeHarness;
  const monitor = new RunMonitor({ store, client: async () => client, bus, log });
  const launcher = new WorkflowRunLauncher({
    store,
    client: async () => client,
    registry,
    monitor: { follow: (r) => harness.monitor.follow(r), lastState: (id) => harness.monitor.lastState(id) },
  });
  process.env.WB_DATA_DIR = dataDir;
  return Object.assign(harness, {
    dataDir,
    taskQueue,
    store,
    bus,
    client,
    connection,
    workerHost,
    bundles,
    registry,
    monitor,
    launcher,
    logs,
    async close() {
      await harness.monitor.close();
      await workerHost.stop();
      await connection.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
