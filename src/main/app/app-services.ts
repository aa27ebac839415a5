import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  ConnectionSettingsSchema,
  DEFAULT_CONNECTION_SETTINGS,
  type ConnectionSettings,
} from '../../core/settings/connection-settings';
import type { StoredDefinition } from '../../core/ipc';
import { createTemporalService, type SecretStore } from '../dev-server';
import { classifyServiceError } from '../ipc/classify-error';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { createDefinitionsHandlers } from '../ipc/handlers/definitions-handlers';
import { createRunsHandlers, type RunLauncher } from '../ipc/handlers/runs-handlers';
import { createServerHandlers } from '../ipc/handlers/server-handlers';
import { WorkerStatusTracker } from '../ipc/handlers/worker-status-handlers';
import { createSettingsHandlers } from '../ipc/handlers/settings-handlers';
import { SwitchableTemporalService } from './switchable-temporal-service';
import { WorkerPolicySettings } from './worker-policy-settings';
import { WorkspaceVariables } from './workspace-variables';
import { createWorkerPolicyHandlers } from '../ipc/handlers/worker-policy-handlers';
import { createCompilerHandlers } from '../ipc/handlers/compiler-handlers';
import { createExamplesHandlers } from '../ipc/handlers/examples-handlers';
import { createExportHandlers } from '../ipc/handlers/export-handlers';
import { createMonorepoHandlers } from '../ipc/handlers/monorepo-handlers';
import { createReportHandlers } from '../ipc/handlers/report-handlers';
import { MonorepoBuildService } from '../monorepo-build/monorepo-build-service';
import { createLogsHandlers } from '../ipc/handlers/logs-handlers';
import { LogTailer } from '../log-tail/log-tailer';
import { RunMonitor } from '../run-monitor/run-monitor';
import { BundleCache, type LaunchBundleProcess } from '../workflow-runtime/bundle-cache';
import { defaultCompiler } from '../workflow-runtime/compiler-binding';
import type { CompilerBinding } from '../workflow-runtime/compiler-port';
import { WorkflowRunLauncher } from '../workflow-runtime/run-launcher';
import { readActivitySources, readRuntimeSources } from '../workflow-runtime/runtime-sources';
import { CompileCache } from '../workflow-runtime/compile-cache';
import { compilerFingerprint } from '../workflow-runtime/compiler-fingerprint';
import { WorkflowRegistry } from '../workflow-runtime/workflow-registry';
import { openStore, type Store } from '../store';
import { TemporalClientProvider } from '../temporal-client/client-provider';
import { launchWorkerProcess, type LaunchWorkerProcess } from '../worker-host/launch-worker-process';
import { markStartup } from './startup-timings';
import { toWorkerConnection } from '../worker-host/worker-connection';
import { WorkerHost, type WorkerHostOptions } from '../worker-host/worker-host';
import type { AppWorkerHost } from '../worker-host/app-worker-host';
import { stopIdleBuildDaemon } from '../daemon/daemon-client';
import type { WorkerSpec } from '../worker-host/worker-protocol';
import { builtinWorkerSpec } from '../workflows/builtin-worker-spec';
import { appWorkerSpecs } from './worker-specs';
import { BUILTIN_TASK_QUEUE } from '../../core/task-queues';
import { ensurePrivateDir } from './private-files';

/** Settings key of the connection settings (no secrets in them: only where secrets live). */
export const CONNECTION_SETTING = 'connection';

export interface AppServicesOptions {
  /** The app's data folder: workflow-builder.db, temporal.db, logs. */
  dataDir: string;
  /** Overrides the stored connection setting (CLI flags). @default the stored setting, else embedded */
  connection?: ConnectionSettings;
  secrets: SecretStore;
  /** The packaged app's resources folder (where the Temporal CLI ships). */
  resourcesPath?: string;
  /** How to start the worker process (utilityProcess in Electron). @default a Node child process */
  launchWorker?: LaunchWorkerProcess;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /**
   * How to start the short-lived bundler process (utilityProcess in Electron, whose fork() would
   * start the app itself). @default a Node child process
   */
  launchBundler?: LaunchBundleProcess;
  /** The compiler. @default src/core/compiler (see workflow-runtime/compiler-binding.ts) */
  compiler?: CompilerBinding;
  /** Task queue of compiled definitions that name none. @default BUILTIN_TASK_QUEUE */
  defaultTaskQueue?: string;
  /** Workspace roots opened for this session only (the CLI's --workspace), beside the stored ones. */
  workspaces?: readonly string[];
  /** Folders the Build a monorepo page's chooser lists under. @default the home folder */
  chooserRoots?: readonly string[];
  /**
   * Serve the built-in workflows on their queue even when no compiled definition runs there: the
   * app's templates and demo do. The CLI's `build` runs one definition and sets false: with its own
   * queues (--task-queue), that worker only cost start-up time (~0.3 s of ~1.1 s). @default true
   */
  builtinWorker?: boolean;
  /**
   * The worker host: by default a WorkerHost with its own worker process; a `build` on the build
   * daemon gets the daemon's warm worker instead (src/main/daemon/daemon-worker-host.ts).
   */
  workerHost?: (options: WorkerHostOptions) => AppWorkerHost;
}

/** Everything main runs, wired once for the desktop app, browser mode and tests alike. */
export interface AppServices {
  store: Store;
  bus: EventBus;
  temporal: SwitchableTemporalService;
  workerHost: AppWorkerHost;
  clients: TemporalClientProvider;
  /** Compiled workflows the worker runs. */
  registry: WorkflowRegistry;
  bundles: BundleCache;
  monitor: RunMonitor;
  launcher: RunLauncher;
  dispatch: Dispatch;
  /** The workspaces the user opened and the command allow-list, which the worker enforces. */
  policy: WorkerPolicySettings;
  /** The variables each open workspace adds to its builds (secret ones in the secret store). */
  workspaceVariables: WorkspaceVariables;
  /** Starts the Temporal server (or checks the cluster), then the worker. Never throws: failures become status. */
  start(preload?: StoredDefinition): Promise<void>;
  /** Stops the worker, the server and closes the store, in that order. */
  shutdown(): Promise<void>;
}

/**
 * Wires the services. The store opens first and synchronously: a database from a newer schema or
 * a damaged file throws here, before anything could write to it.
 */
export function createAppServices(options: AppServicesOptions, launcher?: RunLauncher): AppServices {
  const log = options.log ?? (() => undefined);
  // The data folder is private (0700) before anything is written into it: see private-files.ts.
  ensurePrivateDir(options.dataDir);
  const store = openStore(join(options.dataDir, 'workflow-builder.db'));
  const bus = new EventBus();
  // The worker learns of every change at once, so a closed workspace is refused from then on.
  const policy = new WorkerPolicySettings(store.settings, {
    sessionWorkspaces: options.workspaces,
    onChange: () => workerHost.policyChanged(),
  });
  const workspaceVariables = new WorkspaceVariables(store.settings, options.secrets, {
    openRoots: () => policy.workspaces(),
    onChange: () => workerHost.policyChanged(),
  });
  const connection =
    options.connection ??
    store.settings.get(CONNECTION_SETTING, ConnectionSettingsSchema) ??
    DEFAULT_CONNECTION_SETTINGS;
  let currentConnection = connection;
  const temporal = new SwitchableTemporalService(
    (settings) =>
      createTemporalService(settings, {
        dataDir: options.dataDir,
        resourcesPath: options.resourcesPath,
        secrets: options.secrets,
      }),
    connection,
  );
  temporal.onStatus((status) => bus.publish('server.status', status));

  const clients = new TemporalClientProvider(() => {
    const state = temporal.status().state;
    if (state !== 'ready' && state !== 'external') return undefined;
    return { connection: temporal.connectionOptions(), namespace: temporal.namespace };
  });

  const compiler = options.compiler ?? defaultCompiler;
  const defaultTaskQueue = options.defaultTaskQueue ?? BUILTIN_TASK_QUEUE;
  let runtimeSources: Promise<Record<string, string>> | undefined;
  const runtimeFiles = (): Promise<Record<string, string>> =>
    (runtimeSources ??= readRuntimeSources({ resourcesPath: options.resourcesPath }).catch(
      (error: unknown) => {
        runtimeSources = undefined;
        throw error;
      },
    ));
  // The built-in workflows share their queue with compiled ones that use it: then the compiled
  // bundle carries them (one worker per queue), else they run from their own spec. The registry
  // is created below, with the worker host it loads into; the host asks for specs only once it starts.
  const builtinSpec = builtinWorkerSpec(BUILTIN_TASK_QUEUE);
  const workerSpecs = (): WorkerSpec[] =>
    appWorkerSpecs(builtinSpec, registry, options.builtinWorker ?? true);
  const workerStatus = new WorkerStatusTracker(bus);
  const workerHostOptions: WorkerHostOptions = {
    connection: () => toWorkerConnection(temporal.connectionOptions(), temporal.namespace),
    workers: workerSpecs,
    // Builds also get the workspaces' variables, and lose the variable the API key is read from.
    policy: () => ({
      ...policy.policy(),
      environments: workspaceVariables.environments(),
      secretVariables: apiKeyVariables(currentConnection),
    }),
    // Activities write build logs and reports under the data folder (WB_DATA_DIR).
    launch: options.launchWorker ?? (() => launchWorkerProcess({ WB_DATA_DIR: options.dataDir })),
    onState: (state, message) => {
      workerStatus.update(state, message);
      log(state === 'crashed' ? 'error' : 'info', `worker ${state}${message ? `: ${message}` : ''}`);
    },
    onLog: log,
  };
  const workerHost = options.workerHost?.(workerHostOptions) ?? new WorkerHost(workerHostOptions);

  const bundles = new BundleCache({ dataDir: options.dataDir, launch: options.launchBundler, log });
  const builtinSource = builtinSpec.workflowsPath;
  const registry = new WorkflowRegistry({
    store,
    compiler,
    bundles,
    runtimeFiles,
    defaultTaskQueue,
    workerHost,
    builtin: builtinSource
      ? {
          taskQueue: BUILTIN_TASK_QUEUE,
          files: async () => ({ [basename(builtinSource)]: await readFile(builtinSource, 'utf8') }),
        }
      : undefined,
    compileCache: compileCacheFor(compiler, options.dataDir, log),
    log,
  });
  const monitor = new RunMonitor({ store, client: () => clients.client(), bus, log });
  const runLauncher: RunLauncher =
    launcher ?? new WorkflowRunLauncher({ store, client: () => clients.client(), registry, monitor });

  // Build logs are written by the activities under <data dir>/logs (WB_DATA_DIR of the worker).
  const tailer = new LogTailer({ logsDir: join(options.dataDir, 'logs'), bus });
  const handlers: Handlers = {
    ...createDefinitionsHandlers(store),
    ...createExamplesHandlers(store),
    ...createCompilerHandlers({
      store,
      compileWorkflow: compiler.compileWorkflow,
      resolveChild: (ref) => registry.resolveChild(ref),
      defaultTaskQueue,
    }),
    ...createRunsHandlers({ store, temporal: clients, bus, launcher: runLauncher, monitor }),
    ...createExportHandlers({
      store,
      compiler,
      defaultTaskQueue,
      runtimeFiles,
      activityFiles: () => readActivitySources({ resourcesPath: options.resourcesPath }),
    }),
    ...createLogsHandlers({ store, tailer }),
    ...createReportHandlers({ store, reportsDir: join(options.dataDir, 'reports') }),
    ...createMonorepoHandlers(
      new MonorepoBuildService({
        store,
        launcher: runLauncher,
        policy,
        dataDir: options.dataDir,
        resourcesPath: options.resourcesPath,
        ...(options.chooserRoots && { chooserRoots: options.chooserRoots }),
      }),
    ),
    ...createServerHandlers(temporal),
    ...workerStatus.handlers(),
    ...createWorkerPolicyHandlers(policy, workspaceVariables),
    ...createSettingsHandlers({
      secrets: options.secrets,
      current: () => currentConnection,
      apply: async (settings) => {
        store.settings.set(CONNECTION_SETTING, settings);
        currentConnection = settings;
        await switchConnection(settings);
      },
    }),
  };
  const dispatch = createDispatcher(handlers, classifyServiceError);

  let started: Promise<void> | undefined;
  // Set by shutdown(): a start interrupted by it is expected, not an error worth reporting.
  let shuttingDown = false;
  /**
   * `preload`: a definition the first worker should already serve (a CLI command that starts it
   * right away), so the worker starts once with it instead of starting and restarting.
   */
  const start = (preload?: StoredDefinition): Promise<void> => {
    started ??= (async () => {
      try {
        // The worker process loads its modules while we connect, compile and bundle.
        workerHost.prewarm();
        // A build daemon left on this data folder holds its embedded server: stop it unless a
        // build is attached (then the server's start below says the folder is in use).
        if (currentConnection.mode === 'embedded') {
          const daemon = await stopIdleBuildDaemon(options.dataDir).catch(() => 'none' as const);
          if (daemon !== 'none') log(daemon === 'stopped' ? 'info' : 'warn', `build daemon on this data folder: ${daemon}`);
        }
        await temporal.start();
        markStartup('temporal connected');
        // Runs left open by the last session: load their workflows, then follow them again.
        try {
          await registry.ensure(preload);
        } catch (error) {
          log('error', `open runs could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
        }
        // The workspaces' secret variables are read before the worker gets its first policy.
        await workspaceVariables.load().catch((error: unknown) => {
          log('error', `workspace variables could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
        });
        markStartup('open runs + preload loaded');
        if (workerHost.state !== 'ready') await workerHost.start();
        markStartup('worker ready');
        const resumed = monitor.resumeAll();
        if (resumed > 0) log('info', `following ${resumed} open run(s) again`);
      } catch (error) {
        if (!shuttingDown) log('error', error instanceof Error ? error.message : String(error));
      }
    })();
    return started;
  };
  /** Settings changed the target: stop the worker and the old server, then start on the new one. */
  const switchConnection = async (settings: ConnectionSettings): Promise<void> => {
    await started?.catch(() => undefined);
    await workerHost.stop().catch(() => undefined);
    await clients.close().catch(() => undefined);
    await temporal.replace(settings);
    started = undefined;
    // Connecting may take a while (an embedded server's first start): the status events tell.
    void start();
  };
  return {
    store,
    bus,
    temporal,
    workerHost,
    clients,
    registry,
    bundles,
    monitor,
    launcher: runLauncher,
    dispatch,
    policy,
    workspaceVariables,
    start,
    async shutdown() {
      shuttingDown = true;
      tailer.close();
      await monitor.close().catch(() => undefined);
      markStartup('shutdown: monitor closed');
      await workerHost.stop().catch(() => undefined);
      markStartup('shutdown: worker process stopped');
      await clients.close().catch(() => undefined);
      await temporal.stop().catch(() => undefined);
      store.close();
      markStartup('shutdown: done');
    },
  };
}

/** The environment variable the connection reads its API key from, if any (never passed to builds). */
function apiKeyVariables(connection: ConnectionSettings): string[] {
  return connection.mode === 'external' && connection.apiKey?.env ? [connection.apiKey.env] : [];
}

/**
 * Keys carry the app compiler's fingerprint: a compiler given in the options (tests) compiles
 * every time, and so does a build whose files cannot be fingerprinted.
 */
function compileCacheFor(
  compiler: CompilerBinding,
  dataDir: string,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): CompileCache | undefined {
  const fingerprint = compiler === defaultCompiler ? compilerFingerprint() : undefined;
  return fingerprint === undefined ? undefined : new CompileCache({ dataDir, fingerprint, log });
}
