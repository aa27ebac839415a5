/**
 * The app's own run path on a private dev server, for the PackageBuilder benchmarks that compare
 * runs (reference-equivalence, prediction): a TemporalDevServer with the app's flags, the store,
 * the WorkflowRegistry (compile, bundle), ONE WorkerHost (a forked worker process with the built-in
 * activity library), the run launcher and the RunMonitor. The same pieces as
 * benchmarks/child-overhead.bench.ts uses, with the worker's default settings.
 *
 * `extraWorkflows` are bundled with the compiled workflows and served by the same worker on the
 * default task queue (the registry's `builtin` hook): the hand-written reference parent runs next
 * to the compiled one, on the same pollers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { TemporalDevServer } from '../../src/main/dev-server';
import { findTemporalCli } from '../../src/main/dev-server/temporal-cli.mjs';
import { EventBus } from '../../src/main/ipc/event-bus';
import { RunMonitor } from '../../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../../src/main/store';
import { WorkerHost } from '../../src/main/worker-host/worker-host';
import { BundleCache } from '../../src/main/workflow-runtime/bundle-cache';
import { defaultCompiler } from '../../src/main/workflow-runtime/compiler-binding';
import { WorkflowRunLauncher } from '../../src/main/workflow-runtime/run-launcher';
import { readRuntimeSources } from '../../src/main/workflow-runtime/runtime-sources';
import { WorkflowRegistry } from '../../src/main/workflow-runtime/workflow-registry';

export interface BenchApp {
  root: string;
  /** The private dev server's frontend address (for a benchmark's own SDK workers). */
  address: string;
  store: Store;
  client: Client;
  registry: WorkflowRegistry;
  launcher: WorkflowRunLauncher;
  monitor: RunMonitor;
  taskQueue: string;
  cliVersion: string;
  close(): Promise<void>;
}

export async function startBenchApp(options: {
  name: string;
  extraWorkflows?: () => Promise<Record<string, string>>;
}): Promise<BenchApp> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm run provision` first');
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const root = mkdtempSync(join(repoRoot, '.tmp', `bench-${options.name}-`));
  // Build logs and reports of the forked worker go to the scratch folder, not the user's data folder.
  process.env.WB_DATA_DIR = join(root, 'data');
  const log = (level: string, message: string): void => {
    if (level === 'error') console.error(`[${options.name}] ${message}`);
  };
  const closers: Array<() => Promise<void> | void> = [() => rmSync(root, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (error) {
        console.error(`[${options.name}] cleanup: ${String(error)}`);
      }
    }
  };
  try {
    const server = new TemporalDevServer({ dataDir: join(root, 'server'), binaryPath: cli.path });
    closers.push(() => server.stop());
    const status = await server.start();
    if (!status.address) throw new Error('the private dev server did not report an address');
    const address = status.address;
    const store = openStore(join(root, 'workflow-builder.db'));
    closers.push(() => store.close());
    const connection = await Connection.connect({ address });
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });
    const taskQueue = `bench-${options.name}-${Date.now().toString(36)}`;
    const ref: { registry?: WorkflowRegistry } = {};
    const workerHost = new WorkerHost({
      connection: () => ({ address, namespace: 'default' }),
      workers: () => ref.registry?.specs() ?? [],
      onLog: log,
    });
    closers.push(() => workerHost.stop());
    const runtime = await readRuntimeSources();
    const registry = (ref.registry = new WorkflowRegistry({
      store,
      compiler: defaultCompiler,
      bundles: new BundleCache({ dataDir: root, log }),
      runtimeFiles: async () => runtime,
      defaultTaskQueue: taskQueue,
      workerHost,
      ...(options.extraWorkflows ? { builtin: { taskQueue, files: options.extraWorkflows } } : {}),
      log,
    }));
    const monitor = new RunMonitor({ store, client: async () => client, bus: new EventBus(), log });
    closers.push(() => monitor.close());
    const launcher = new WorkflowRunLauncher({ store, client: async () => client, registry, monitor });
    return {
      root,
      address,
      store,
      client,
      registry,
      launcher,
      monitor,
      taskQueue,
      cliVersion: cli.version,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One event of a workflow's history, with its time in ms. */
export interface HistoryEvent {
  id: number;
  type: number;
  at: number;
  raw: NonNullable<
    Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']
  >[number];
}

export async function historyOf(client: Client, workflowId: string, runId?: string): Promise<HistoryEvent[]> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  return (history.events ?? []).map((raw) => ({
    id: Number(raw.eventId),
    type: Number(raw.eventType),
    at: Number(raw.eventTime!.seconds) * 1000 + (raw.eventTime!.nanos ?? 0) / 1e6,
    raw,
  }));
}

/** Makespans read from a parent's history. */
export function makespans(events: readonly HistoryEvent[]): {
  /** WorkflowExecutionStarted → WorkflowExecutionCompleted: what the user waits for. */
  runMs: number;
  /** First StartChildWorkflowExecutionInitiated → last ChildWorkflowExecutionCompleted: the package loop. */
  loopMs: number;
} {
  const at = (type: number, which: 'first' | 'last'): number => {
    const list = events.filter((e) => e.type === type);
    const e = which === 'first' ? list[0] : list.at(-1);
    if (!e) throw new Error(`the history has no event of type ${type}`);
    return e.at;
  };
  return {
    runMs: at(2, 'first') - at(1, 'first'),
    loopMs: at(32, 'last') - at(29, 'first'),
  };
}

/** "min–max" of a list. */
export function spreadOf(values: readonly number[]): { min: number; max: number; width: number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, width: max - min };
}
