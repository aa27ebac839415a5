/**
 * `workflow-builder build <folder>`: PackageBuilder on a monorepo in one command. Checks the
 * workspace (exit 2 when it cannot be built), stores the build's definitions (the PackageBuilder
 * example set to the options, reused when already stored), opens the folder as a workspace for
 * this run, starts the run through the app's launcher — the path of the app's Run button — shows
 * its progress, prints where the report is and why anything failed, and exits 0 / 1 / 2.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reportRelativeDir } from '../../core/activities/log-paths';
import { DependencyGraphDataSchema, graphOptionsOf } from '../../core/definition/node-kinds/dependency-graph';
import type { GraphOptions } from '../../core/graph/types';
import type { RunRecord, StoredDefinition } from '../../core/ipc';
import type { OrchestrationState } from '../../core/orchestration/orchestration-state';
import { ensurePrivateDir } from '../app/private-files';
import { markStartup } from '../app/startup-timings';
import { createEnvFileSecretStore } from '../dev-server';
import { copyDemoMonorepo } from '../examples/demo-monorepo';
import { storeMonorepoBuild, WORKSPACE_ROOT_INPUT } from '../examples/monorepo-build';
import { openStore } from '../store';
import { attachBuildDaemon, daemonLogPath, type DaemonConnection } from '../daemon/daemon-client';
import { daemonVersion } from '../daemon/daemon-version';
import { DaemonWorkerHost } from '../daemon/daemon-worker-host';
import { workspaceOfRun } from '../workflow-runtime/history-estimates';
import { BUILD_USAGE, BuildUsageError, parseBuildOptions, type BuildOptions } from './build-options';
import { BuildProgress, formatDuration } from './build-progress';
import { checkWorkspace } from '../monorepo-build/check-workspace';
import { openCliApp, startCliApp } from './cli-app';
import type { CliIo } from './cli-io';

/** What a retry needs from the store before the app opens: the run's folder and graph settings. */
interface RetryTarget {
  root: string;
  graphOptions: GraphOptions;
  /** The definition version the run ran (the retry runs it again). */
  definition: { id: string; version: number };
}

/** Runs the command; returns the exit code. `signal` aborting (default: SIGINT) cancels the run. */
export async function runBuildCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let options: BuildOptions;
  try {
    options = parseBuildOptions(argv);
  } catch (error) {
    if (!(error instanceof BuildUsageError)) throw error;
    io.err(`${error.message}\n\nSee: workflow-builder build --help`);
    return 2;
  }
  if (options.help) {
    io.out(BUILD_USAGE);
    return 0;
  }

  // Which folder, with which graph settings.
  let root: string;
  let retried: RetryTarget['definition'] | undefined;
  let graphOptions: GraphOptions = {
    ...(options.settings.edgeKinds ? { edgeKinds: options.settings.edgeKinds } : {}),
    ...(options.settings.breakDevCycles ? { breakDevCycles: true } : {}),
    ...(options.settings.filter.length > 0 ? { filter: options.settings.filter } : {}),
  };
  try {
    if (options.retry !== undefined) {
      const target = retryTarget(options.dataDir, options.retry);
      root = target.root;
      graphOptions = target.graphOptions;
      retried = target.definition;
    } else if (options.demo) {
      ensurePrivateDir(options.dataDir);
      const copy = await copyDemoMonorepo(options.dataDir, { fresh: options.force });
      io.out(
        `${copy.copied ? 'copied the demo monorepo to' : 'building the existing demo copy in'} ${copy.path}`,
      );
      root = realpathSync(copy.path);
    } else {
      root = existingFolder(options.folder!);
    }
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }

  const checked = await checkWorkspace(root, graphOptions);
  markStartup('workspace read + checked');
  if (!checked.ok) {
    io.err(`Cannot build ${root}:`);
    for (const problem of checked.problems) io.err(`  ${problem}`);
    return 2;
  }
  const { settings } = options;
  io.out(
    `${root}: ${checked.graph.size} of ${checked.packageCount} packages` +
      `${settings.filter.length > 0 ? ` (--filter ${settings.filter.join(' ')} and their dependencies)` : ''}` +
      `, ${settings.concurrency} at a time, scripts: ${settings.scripts.join(', ')}`,
  );
  for (const edge of checked.droppedEdges) io.out(`  dropped dev edge closing a cycle: ${edge}`);

  const daemon = options.daemon ? await attachDaemon(io, options) : undefined;
  let daemonHost: DaemonWorkerHost | undefined;
  const app = openCliApp(io, {
    dataDir: options.dataDir,
    connection: daemon
      ? {
          mode: 'external',
          address: daemon.daemon.temporal.address,
          namespace: daemon.daemon.temporal.namespace,
        }
      : options.connection,
    secrets: createEnvFileSecretStore(),
    workspaces: [root],
    ...(options.taskQueue ? { defaultTaskQueue: options.taskQueue } : {}),
    builtinWorker: false,
    ...(daemon
      ? { workerHost: (hostOptions) => (daemonHost = new DaemonWorkerHost(daemon, hostOptions)) }
      : {}),
  });
  if (typeof app === 'number') {
    daemon?.close();
    return app;
  }
  markStartup('store opened');
  // The daemon's server runs this build: if the daemon goes away, the run cannot settle here.
  const daemonLost = daemon
    ? new Promise<never>((_, reject) =>
        daemon.onLost(() =>
          reject(
            new Error(
              `the build daemon (pid ${daemon.daemon.pid}) stopped during the build; its log: ${daemonLogPath(options.dataDir)}`,
            ),
          ),
        ),
      )
    : undefined;
  daemonLost?.catch(() => undefined);
  const sigint = signal ? undefined : interruptedBySigint();
  const interrupt = signal ?? sigint!.signal;
  let progress: BuildProgress | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    let definition: StoredDefinition | undefined = retried
      ? app.store.definitions.get(retried.id, retried.version)
      : undefined;
    if (options.retry === undefined) {
      const stored = storeMonorepoBuild(app.store, settings);
      const parent = stored.definitions.at(-1)!;
      io.out(
        `definition "${parent.name}" (${parent.id}, version ${parent.version})` +
          `${stored.alreadyLoaded ? ', already stored' : ', saved'}`,
      );
      definition = app.store.definitions.get(parent.id);
      markStartup('definition saved');
    }
    if (!(await startCliApp(app, io, definition))) return 1;
    if (daemonHost && daemonHost.state !== 'ready') {
      // Nothing would run the build: say why instead of waiting for it.
      io.err(
        `The build daemon's worker could not start: ${daemonHost.failure ?? daemonHost.state}. ` +
          `Its log: ${daemonLogPath(options.dataDir)}; \`workflow-builder daemon stop\` ends it, --no-daemon builds without it`,
      );
      return 1;
    }
    const launcher = app.launcher;

    let record: RunRecord;
    if (options.retry !== undefined) {
      if (!launcher.retry) throw new Error('This launcher cannot retry runs');
      record = await launcher.retry(options.retry);
      io.out(`retrying ${options.retry}: completed packages are reused`);
    } else {
      record = await launcher.start(definition!, { [WORKSPACE_ROOT_INPUT]: root });
    }
    markStartup('workflow started');
    io.out(`started ${record.workflowId} on ${record.taskQueue}`);

    progress = new BuildProgress(io, checked.graph);
    const shown = progress;
    const off = app.monitor.subscribe(record.workflowId, (update) => shown.update(update));
    if (io.tty) ticker = setInterval(() => shown.tick(), 1000);
    const onInterrupt = (): void => {
      io.err(`interrupted: cancelling ${record.workflowId}…`);
      void app.clients
        .client()
        .then((client) => client.workflow.getHandle(record.workflowId).cancel())
        .catch((error: unknown) => io.err(`could not cancel: ${(error as Error).message}`));
    };
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    const settled = app.monitor.settled(record.workflowId);
    await (daemonLost ? Promise.race([settled, daemonLost]) : settled);
    markStartup('run closed (monitor settled)');
    interrupt.removeEventListener('abort', onInterrupt);
    off();
    clearInterval(ticker);
    progress.end();

    const closed = app.store.runs.get(record.workflowId);
    printSummary(io, closed, app.monitor.lastState(record.workflowId), record.startedAt);
    printReport(io, options.dataDir, record.workflowId);
    const last = app.monitor.lastState(record.workflowId);
    if (closed.status !== 'completed' && last && last.failed.length + last.blocked.length > 0) {
      io.out(
        `to rebuild only the failed and blocked packages: workflow-builder build --retry ${record.workflowId}`,
      );
    }
    markStartup('summary and report printed');
    return closed.status === 'completed' ? 0 : 1;
  } catch (error) {
    progress?.end();
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    clearInterval(ticker);
    sigint?.dispose();
    await app.shutdown();
  }
}

/**
 * The data folder's build daemon, started if needed; undefined (said why) when it cannot be used:
 * the build then starts its own server and worker, as with --no-daemon.
 */
async function attachDaemon(io: CliIo, options: BuildOptions): Promise<DaemonConnection | undefined> {
  try {
    const daemon = await attachBuildDaemon({
      dataDir: options.dataDir,
      version: daemonVersion(),
      idleMs: options.daemonIdleMs,
      say: (line) => io.out(line),
    });
    markStartup(`build daemon attached (pid ${daemon.daemon.pid})`);
    return daemon;
  } catch (error) {
    io.out(`${(error as Error).message}; building without the daemon`);
    return undefined;
  }
}

/** The real path of an existing folder, or an error naming it. */
function existingFolder(folder: string): string {
  const path = resolve(folder);
  if (!existsSync(path)) throw new Error(`The folder ${path} does not exist`);
  if (!statSync(path).isDirectory()) throw new Error(`${path} is not a folder`);
  return realpathSync(path);
}

/** The folder and graph settings of a closed build run, from the store of the data folder. */
function retryTarget(dataDir: string, workflowId: string): RetryTarget {
  const dbFile = join(dataDir, 'workflow-builder.db');
  if (!existsSync(dbFile))
    throw new Error(`No app data in ${dataDir}: there is no run ${workflowId} to retry`);
  const store = openStore(dbFile);
  try {
    const record = store.runs.get(workflowId);
    const folder = workspaceOfRun(record);
    if (folder === null || record.definitionId === null) {
      throw new Error(
        `Run ${workflowId} is not a build of a monorepo folder (it has no "${WORKSPACE_ROOT_INPUT}" input)`,
      );
    }
    const definition = store.definitions.get(record.definitionId, record.definitionVersion ?? undefined);
    const node = definition.definition.nodes.find((n) => n.kind === 'dependencyGraph');
    const data = DependencyGraphDataSchema.safeParse(node?.data);
    return {
      root: existingFolder(folder),
      graphOptions: data.success ? graphOptionsOf(data.data) : {},
      definition: { id: definition.id, version: definition.version },
    };
  } finally {
    store.close();
  }
}

/**
 * The end of a run: counts, each failed and blocked package, and why the run failed. The time is
 * from `startedAt`, the start of the run the command began: a large build continues as new, and
 * `record`, its last run, began only then.
 */
function printSummary(
  io: CliIo,
  record: RunRecord,
  state: OrchestrationState | undefined,
  startedAt: string,
): void {
  const took =
    record.closedAt !== null
      ? ` in ${formatDuration(Date.parse(record.closedAt) - Date.parse(startedAt))}`
      : '';
  if (state) {
    const t = state.totals;
    io.out(
      `${record.status === 'completed' ? 'Build completed' : `Build ${record.status}`}: ` +
        `${t.completed} of ${t.packages} built, ${t.failed} failed, ${t.blocked} blocked${took}`,
    );
    for (const f of state.failed) io.out(`  ✗ ${f.name}: ${f.error}`);
    for (const b of state.blocked) io.out(`  ⊘ ${b.name} blocked by ${b.blockedBy}`);
  } else {
    io.out(`Build ${record.status}${took}`);
  }
  if (record.status !== 'completed') io.err(`why: ${record.failure ?? `the run ended ${record.status}`}`);
}

/** The report files the run's Report node wrote (JSON, Markdown, HTML), if it got that far. */
function printReport(io: CliIo, dataDir: string, workflowId: string): void {
  const dir = join(dataDir, 'reports', reportRelativeDir(workflowId));
  const order = ['report.json', 'report.md', 'report.html'];
  const files = existsSync(dir) ? order.filter((f) => readdirSync(dir).includes(f)) : [];
  if (files.length === 0) {
    io.out('no report was written (the run stopped before its Report step)');
    return;
  }
  io.out(`report: ${join(dir, files[0]!)}`);
  for (const file of files.slice(1)) io.out(`        ${join(dir, file)}`);
}

/** A signal aborted by the first SIGINT while the command runs (Ctrl-C cancels the run). */
function interruptedBySigint(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', abort) };
}
