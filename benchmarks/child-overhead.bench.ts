/**
 * Orchestration overhead of PackageBuilder (issue 12): where the time of one child goes, and what
 * each lever changes, measured in one run so that machine load hits every setting alike.
 *
 * Starts private dev servers (the app's flags: DEFAULT_SQLITE_PRAGMAS, DEFAULT_DYNAMIC_CONFIG, the
 * HTTP API lock-down, plus a lever's extra `--dynamic-config-value`s), and for every subject the app's own path: the
 * compiled PackageBuilder / PackageBuild definitions (examples/package-build.json), the
 * WorkflowRegistry (compile, bundle), the WorkerHost (a forked worker process), the launcher and the
 * RunMonitor. The first subject is the baseline every ratio is taken against, measured in the same
 * run: `today` is the configuration before issue 12's changes (Temporal's own dynamic config, the
 * SDK's activity polls). Each round runs, per subject in rotated order, 100 instant packages, a
 * chain of 20 instant packages (one child at a time: the overhead a critical path pays) and a
 * layered set of sleeping packages at N = 4, then reads the parent's and every child's history:
 *  - per-child overhead = child initiated → child completed (parent history) − the build activity's
 *    own time (child history), median and p95;
 *  - the breakdown of a child (medians of each step), and whether its build was dispatched eagerly;
 *  - CPU time per child of the dev server, the worker process and main (from /proc: what the
 *    machine's load does not inflate);
 *  - makespan (parent started → completed) and makespan / lower bound, lower bound =
 *    max(critical path, work / N) of the builds' own durations;
 *  - Run (definition compiled, worker up) → first child started, and, once per subject, the first
 *    run of a new definition (compile + bundle + worker load → first child started).
 * Prints Markdown tables with ratios against the first subject, and the load average throughout.
 *
 * The worker process is the built one (`out/cli/worker-process.js`, built at start by
 * scripts/build-cli.ts, run by plain node as the CLI and the packaged app run it); `worker=tsx`
 * runs the TypeScript source through tsx instead (what the benchmark did before; tsx's loader
 * makes the worker slower than the product's).
 *
 * Run: `npm run bench:overhead [-- rounds=3 subjects=today,current,... sleeping=50 worker=tsx]`
 * (`WB_BENCH_ORDER=1`: also print each sleeping run's child start order and its parent's markers.)
 * (`sleeping=50`: a 50-package, 6-layer synthetic monorepo of 0.5–6 s builds instead of the small set).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Client, Connection } from '@temporalio/client';
import { DependencyGraph, simulateSchedule } from '../src/core/graph';
import type { StoredDefinition } from '../src/core/ipc';
import { buildTimeOfResult } from '../src/core/run-status/child-build-time';
import { DEFAULT_DYNAMIC_CONFIG, TemporalDevServer } from '../src/main/dev-server';
import { findTemporalCli } from '../src/main/dev-server/temporal-cli.mjs';
import { EventBus } from '../src/main/ipc/event-bus';
import { RunMonitor } from '../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../src/main/store';
import { WorkerHost } from '../src/main/worker-host/worker-host';
import {
  launchNodeWorkerProcess,
  WORKER_NODE_OPTIONS,
  type LaunchWorkerProcess,
} from '../src/main/worker-host/launch-worker-process';
import { forkChildProcess } from '../src/main/child-process/child-process-handle';
import { buildCli } from '../scripts/build-cli';
import type { WorkerTuning } from '../src/main/worker-host/worker-protocol';
import { BundleCache } from '../src/main/workflow-runtime/bundle-cache';
import { defaultCompiler } from '../src/main/workflow-runtime/compiler-binding';
import { WorkflowRunLauncher } from '../src/main/workflow-runtime/run-launcher';
import { readRuntimeSources } from '../src/main/workflow-runtime/runtime-sources';
import { WorkflowRegistry } from '../src/main/workflow-runtime/workflow-registry';
import {
  packageBuildDefinition,
  packageBuilderDefinition,
} from '../tests/integration/package-builder/scenario';
import { historyOf, type HistoryEvent } from './lib/bench-app';
import { lowerBound, syntheticMonorepo } from './lib/package-sets';
import { median, ms, printTable, ratio } from './lib/stats';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
/** Extra node options for every subject's worker process, e.g. `worker-args="--cpu-prof --cpu-prof-dir=/tmp/prof"`. */
const WORKER_ARGS = args['worker-args']?.split(' ').filter(Boolean) ?? [];
/** How the worker process is started: the built entry under plain node, or the source through tsx. */
let launchWorker: (execArgv: string[]) => LaunchWorkerProcess = () => launchNodeWorkerProcess;
const ROUNDS = Number(args.rounds ?? 3);
const N = 4;
const INSTANT = 100;

type Pkg = { name: string; dependencies?: string[]; estimatedDurationMs: number };

interface Lever {
  name: string;
  /** Extra `start-dev` arguments; subjects with equal arguments share one server. */
  serverArgs: string[];
  /** Dynamic config of the server (default: the app's DEFAULT_DYNAMIC_CONFIG; `{}`: Temporal's own). */
  dynamicConfig?: Record<string, string>;
  /** SQLite pragmas of the server (default: the app's DEFAULT_SQLITE_PRAGMAS). */
  pragmas?: Record<string, string>;
  tuning?: WorkerTuning;
  /** Changes the PackageBuild child definition (examples/package-build.json). */
  child?: (definition: ChildDefinition) => void;
  /**
   * Whether the parent tells each child its expected build time, as the app's PackageBuilder does
   * (`$package.expectedDurationMs`): the child then builds a package expected under 5 s as a local
   * activity. Default true; false: every build an activity, as before.
   */
  expectation?: boolean;
  /** Whether the RunMonitor follows the run (its state queries reach the parent). Default true. */
  monitor?: boolean;
  /** The RunMonitor asks the state on every child's start, as before the tenth pass (askOnListedChildStart). */
  askOnChildStart?: boolean;
  /**
   * The parent orders its ready packages by plain bottom levels, as before the seventh pass: the
   * runtime's `patched('tuned-critical-path-order')` is replaced by `false` (tunePriorities unused).
   */
  untunedOrder?: boolean;
  /** Extra node options of the worker process (measurement-only levers). */
  workerExecArgv?: string[];
  /** Parent and builds on one task queue (one worker, one workflow thread), as this benchmark ran before. */
  oneQueue?: boolean;
  /**
   * Instead of PackageBuilder, benchmarks/reference/floor.ts: a bare parent running the chain's
   * children one by one, each child one local build. Only the chain is run.
   */
  floor?: boolean;
}

type ChildDefinition = {
  nodes: Array<{ id: string; data: Record<string, unknown> }>;
  settings?: Record<string, unknown>;
};

const dyn = (setting: string): string[] => ['--dynamic-config-value', setting];
const TRANSFER_RPS = { 'history.transferProcessorMaxPollRPS': '1000' };
const EAGER = { 'system.enableActivityEagerExecution': 'true' };
const TODAY_POLLS: WorkerTuning = { activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 8 } };
const LEVERS: Lever[] = [
  // The configuration before issue 12's changes: Temporal's own dynamic config, a normal activity.
  // (Worker: one activity poll per execution slot, the SDK's default for the app's 8 slots; Node's
  // own young generation.)
  {
    name: 'today',
    serverArgs: [],
    dynamicConfig: {},
    tuning: TODAY_POLLS,
    expectation: false,
    workerExecArgv: ['--max-semi-space-size=16'],
    untunedOrder: true,
  },
  // The app's defaults (DEFAULT_DYNAMIC_CONFIG, two activity polls, short builds local).
  { name: 'current', serverArgs: [] },
  // The app's defaults with critical-path-first by plain bottom levels (before the seventh pass).
  { name: 'current+untuned-order', serverArgs: [], untunedOrder: true },
  // The app's server and worker settings, every build an activity (the second pass's `current`).
  { name: 'current-activity', serverArgs: [], expectation: false },
  // Each of the three on its own against `today`.
  {
    name: 'transfer-rps',
    serverArgs: [],
    dynamicConfig: TRANSFER_RPS,
    tuning: TODAY_POLLS,
  },
  { name: 'eager-only', serverArgs: [], dynamicConfig: EAGER },
  {
    name: 'activity-polls-2-only',
    serverArgs: [],
    dynamicConfig: {},
  },
  // Workflow code on the worker's main thread (no hop to a workflow thread and back).
  { name: 'current+debug-mode', serverArgs: [], tuning: { debugMode: true } },
  // One V8 context per workflow instead of one reused context.
  { name: 'current+no-reuse-v8', serverArgs: [], tuning: { reuseV8Context: false } },
  // What Node's vm watchdog (one thread started and joined per call into the sandbox, for the
  // SDK's 5 s deadlock detection) costs: the same with the vm calls' timeout dropped.
  {
    name: 'current+no-vm-watchdog',
    serverArgs: [],
    workerExecArgv: ['--import', new URL('./lib/no-vm-timeout.mjs', import.meta.url).href],
  },
  // The worker's young generation: Node's own 16 MiB semi-spaces (before the fifth pass), or 32 MiB,
  // against the app's 64 MiB (WORKER_NODE_OPTIONS; the last flag given wins).
  { name: 'current+semi-space-16', serverArgs: [], workerExecArgv: ['--max-semi-space-size=16'] },
  { name: 'current+semi-space-32', serverArgs: [], workerExecArgv: ['--max-semi-space-size=32'] },
  // Parent and builds on one task queue (the app runs the builds on a queue of their own).
  { name: 'current+one-queue', serverArgs: [], oneQueue: true },
  // The least a chained child costs on this SDK and server (benchmarks/reference/floor.ts).
  { name: 'sdk-floor', serverArgs: [], floor: true },
  // The same without the RunMonitor: what its state queries cost the parent.
  { name: 'current+no-monitor', serverArgs: [], monitor: false },
  // The monitor as before the tenth pass: a state query on every child's start too.
  { name: 'current+ask-on-child-start', serverArgs: [], askOnChildStart: true },
  { name: 'current+nonsticky-1', serverArgs: [], tuning: { nonStickyToStickyPollRatio: 1 } },
  { name: 'current+local-activity', serverArgs: [], child: localBuild },
  { name: 'current+workflow-threads-2', serverArgs: [], tuning: { workflowThreadPoolSize: 2 } },
  {
    name: 'partitions-1',
    serverArgs: [
      ...dyn('matching.numTaskqueueReadPartitions=1'),
      ...dyn('matching.numTaskqueueWritePartitions=1'),
    ],
  },
  // Temporal's own 4 write partitions per task queue, as `current` had before the tenth pass.
  {
    name: 'write-partitions-4',
    serverArgs: [],
    dynamicConfig: Object.fromEntries(
      Object.entries(DEFAULT_DYNAMIC_CONFIG).filter(
        ([key]) => key !== 'matching.numTaskqueueWritePartitions',
      ),
    ),
  },
  {
    name: 'pollers-2',
    serverArgs: [],
    tuning: {
      workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
      activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
    },
  },
  {
    name: 'pollers-autoscaling',
    serverArgs: [],
    tuning: {
      workflowTaskPollerBehavior: { type: 'autoscaling' },
      activityTaskPollerBehavior: { type: 'autoscaling' },
    },
  },
  { name: 'sqlite-defaults', serverArgs: [], pragmas: {} },
  // A larger page cache and memory-mapped reads (what is persisted, and when, is unchanged).
  {
    name: 'current+sqlite-cache',
    serverArgs: [],
    pragmas: {
      journal_mode: 'wal',
      synchronous: 'normal',
      cache_size: '-65536',
      mmap_size: '268435456',
      temp_store: 'memory',
    },
  },
  { name: 'no-sticky-cache', serverArgs: [], tuning: { maxCachedWorkflows: 0 } },
  {
    name: 'pollers-2+local-activity',
    serverArgs: [],
    tuning: {
      workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
      activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
    },
    child: localBuild,
  },
];

/** The build node as a local activity (no heartbeat timeout: local activities cannot heartbeat). */
function localBuild(definition: ChildDefinition): void {
  const build = definition.nodes.find((n) => n.id === 'build')!;
  delete build.data.heartbeatTimeoutMs;
  build.data.local = true;
}

/** A small layered set of sleeping builds: 12 packages, 3 layers, 300–1,200 ms. */
const SMALL_SLEEPING = Array.from({ length: 12 }, (_, i) => {
  const layer = Math.floor(i / 4);
  const deps =
    layer === 0
      ? []
      : [`s${(layer - 1) * 4 + (i % 4)}`, ...(i % 2 ? [`s${(layer - 1) * 4 + ((i + 1) % 4)}`] : [])];
  return { name: `s${i}`, dependencies: deps, estimatedDurationMs: 300 + ((i * 337) % 901) };
});

// `sleeping=50`: the seeded 50-package workspace (6 layers, builds sleeping 0.5–6 s).
const SLEEPING: Pkg[] = args.sleeping === '50' ? syntheticMonorepo(50, 6, 12) : SMALL_SLEEPING;
/**
 * A chain of instant builds, each depending on the one before: one child at a time, so every
 * child's overhead is paid in full on the critical path (what a deep monorepo's longest chain pays).
 */
const CHAIN = 20;
const CHAIN_PACKAGES: Pkg[] = Array.from({ length: CHAIN }, (_, i) => ({
  name: `c${i}`,
  dependencies: i ? [`c${i - 1}`] : [],
  estimatedDurationMs: 0,
}));
const INSTANT_PACKAGES = Array.from({ length: INSTANT }, (_, i) => ({
  name: `i${i}`,
  estimatedDurationMs: 0,
}));

interface Subject {
  lever: Lever;
  lastRun?: { workflowId: string; runId: string };
  store: Store;
  client: Client;
  launcher: WorkflowRunLauncher;
  monitor: RunMonitor;
  workerHost: WorkerHost;
  definition: StoredDefinition;
  /** The parent's task queue (the builds run on `<queue>-builds`). */
  queue: string;
  firstRunToChildMs: number;
  /** registry.ensure of the new definition: compile + bundle + worker (re)start. */
  ensureMs: number;
  samples: { instant: RunSample[]; chain: RunSample[]; sleeping: RunSample[] };
}

interface RunSample {
  makespanMs: number;
  lowerBoundMs: number;
  runToFirstChildMs: number;
  overheads: number[];
  steps: Map<string, number[]>;
  /** Builds run as normal activities, how many of them the server dispatched eagerly, and local ones. */
  eager: { count: number; of: number; local: number };
  /** CPU time per package of the run (dev server, worker process, main), whatever the load. */
  cpuPerChildMs: { server: number; worker: number; main: number };
  /** Where the makespan beyond the builds goes. */
  slots: SlotAccount;
  /** The RunMonitor's state queries of the run, per package (NaN when no monitor followed it). */
  queriesPerChild: number;
}

/**
 * The makespan's account at N slots: the run's head (parent started → first build started), its
 * tail (last build ended → parent completed), the builds' own time beyond their declared
 * durations, and the slot time no build used — what the lower bound does not contain.
 */
interface SlotAccount {
  headMs: number;
  tailMs: number;
  /** Σ (reported build time − declared duration) / N. */
  buildExcessPerSlotMs: number;
  /** N × makespan − Σ reported build time, over the packages: idle slot time per child. */
  idlePerChildMs: number;
}

/** Names of the steps of one child, in order (parent history "P", child history "C"). */
const STEPS = [
  'P initiated → P child started',
  'C started → C task 1 started (pick-up)',
  'C task 1 started → completed (run)',
  'C task 1 completed → activity started (dispatch)',
  'activity started → completed (the build)',
  'activity completed → C task 2 started',
  'C task 2 started → completed (run)',
  'C task 2 completed → P child completed',
  'P child completed → P task started',
  'P task started → completed (parent reacts)',
] as const;

/**
 * What one call into a vm context costs with and without a `timeout` (the SDK passes its deadlock
 * timeout on every call into the workflow sandbox; Node then starts and joins a watchdog thread).
 */
function vmCallCost(): { plainUs: number; withTimeoutUs: number } {
  const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
  vm.runInContext('globalThis.f = () => 1', context);
  const script = new vm.Script('f()');
  const perCall = (options: vm.RunningScriptOptions): number => {
    const calls = 5000;
    const started = performance.now();
    for (let i = 0; i < calls; i++) script.runInContext(context, options);
    return ((performance.now() - started) * 1000) / calls;
  };
  perCall({ timeout: 5000 }); // warm-up
  return { plainUs: perCall({}), withTimeoutUs: perCall({ timeout: 5000 }) };
}

/** Share of CPU time the hypervisor gave to others since the last call (/proc/stat `steal`). */
let lastCpuTimes: number[] | undefined;
function stealShare(): string {
  const times = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const before = lastCpuTimes;
  lastCpuTimes = times;
  if (!before) return 'n/a';
  const delta = times.map((t, i) => t - before[i]!);
  const total = delta.reduce((a, b) => a + b, 0);
  return total > 0 ? `${((100 * (delta[7] ?? 0)) / total).toFixed(1)} %` : 'n/a';
}

/** Pids of the benchmark's dev servers, for the CPU accounting. */
const serverPids: number[] = [];

/** The most resident memory a process has had (/proc VmHWM), in MiB; undefined once it is gone. */
function peakRssMiB(pid: number): number | undefined {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Math.round(Number(line[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) of a process from /proc, 0 once it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/** This process's direct children (the forked worker processes). */
function childPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter((pid) => !serverPids.includes(pid));
}

/** CPU ms spent so far by the servers, the worker processes and this process (main: launcher, monitor). */
function cpuNow(): { server: number; worker: number; main: number } {
  const own = process.cpuUsage();
  return {
    server: serverPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    worker: childPids().reduce((sum, pid) => sum + processCpuMs(pid), 0),
    main: (own.user + own.system) / 1000,
  };
}

async function main(): Promise<void> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm run provision` first');
  if (args.worker !== 'tsx') {
    const entry = join(dirname(await buildCli()), 'worker-process.js');
    launchWorker = (execArgv) => () =>
      forkChildProcess({ entry, execArgv: [...WORKER_NODE_OPTIONS, ...execArgv] });
    console.log(`worker process: ${entry} (plain node)`);
  } else console.log('worker process: src/main/worker-host/worker-process.ts through tsx');
  const wanted = args.subjects?.split(',');
  const levers = wanted ? LEVERS.filter((l) => wanted.includes(l.name)) : LEVERS;
  if (wanted && levers.length !== wanted.length)
    throw new Error(`unknown subject in ${args.subjects}; known: ${LEVERS.map((l) => l.name).join(', ')}`);
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const root = mkdtempSync(join(repoRoot, '.tmp', 'bench-overhead-'));
  const servers = new Map<string, { server: TemporalDevServer; address: string }>();
  const subjects: Subject[] = [];
  const runtime = await readRuntimeSources();
  const edges = SLEEPING.reduce((sum, p) => sum + (p.dependencies?.length ?? 0), 0);
  const work = SLEEPING.reduce((sum, p) => sum + p.estimatedDurationMs, 0);
  console.log(
    `sleeping set: ${SLEEPING.length} packages, ${edges} edges, ${ms(work)} of work, lower bound ${ms(lowerBound(SLEEPING, N))} at N = ${N}`,
  );
  // What the policy itself costs: the same list schedule the loop follows, with zero overhead.
  const ideal = simulateSchedule(
    DependencyGraph.fromPackages(SLEEPING),
    Object.fromEntries(SLEEPING.map((p) => [p.name, p.estimatedDurationMs])),
    N,
    'critical-path-first',
  );
  console.log(
    `critical-path-first without overhead: ${ms(ideal.makespan)} = ${ideal.ratio.toFixed(3)} × the bound (critical path ${ms(ideal.criticalPath)}, work / N ${ms(ideal.totalWork / N)})`,
  );
  const vmCost = vmCallCost();
  console.log(
    `one call into a vm context: ${vmCost.plainUs.toFixed(1)} µs, with a timeout ${vmCost.withTimeoutUs.toFixed(0)} µs (${ratio(vmCost.withTimeoutUs / vmCost.plainUs)}: a watchdog thread per call)`,
  );
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; Temporal CLI ${cli.version}`,
  );
  try {
    for (const [index, lever] of levers.entries()) {
      const key = JSON.stringify([lever.serverArgs, lever.pragmas, lever.dynamicConfig]);
      let server = servers.get(key);
      if (!server) {
        const dev = new TemporalDevServer({
          dataDir: join(root, `server-${servers.size}`),
          binaryPath: cli.path,
          extraArgs: lever.serverArgs,
          ...(lever.dynamicConfig ? { dynamicConfig: lever.dynamicConfig } : {}),
          ...(lever.pragmas ? { sqlitePragmas: lever.pragmas } : {}),
        });
        const status = await dev.start();
        if (!status.address) throw new Error(`dev server for ${lever.name} did not report an address`);
        server = { server: dev, address: status.address };
        if (status.pid) serverPids.push(status.pid);
        servers.set(key, server);
      }
      subjects.push(await createSubject(lever, server.address, join(root, `subject-${index}`), runtime));
    }
    // Warm-up (V8, caches).
    for (const s of subjects)
      await run(s, s.lever.floor ? CHAIN_PACKAGES.slice(0, 8) : INSTANT_PACKAGES.slice(0, 8));
    stealShare();
    for (let round = 0; round < ROUNDS; round++) {
      const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
      for (const s of order) {
        if (s.lever.floor) {
          s.samples.chain.push(await run(s, CHAIN_PACKAGES));
          continue;
        }
        s.samples.instant.push(await run(s, INSTANT_PACKAGES));
        // Each run's figure, not only the median: the instant set's makespan was bimodal before
        // the tenth pass (children's first tasks waiting in a task-queue partition's backlog).
        const instant = s.samples.instant.at(-1)!;
        const pickUp = instant.steps.get(STEPS[1])!.reduce((sum, v) => sum + v, 0);
        console.log(
          `  ${s.lever.name}: 100 instant in ${ms(instant.makespanMs)}; children waited ${ms(pickUp)} in all for their first task`,
        );
        s.samples.chain.push(await run(s, CHAIN_PACKAGES));
        s.samples.sleeping.push(await run(s, SLEEPING));
        const sleeping = s.samples.sleeping.at(-1)!;
        console.log(
          `  ${s.lever.name}: ${SLEEPING.length} sleeping in ${ms(sleeping.makespanMs)} = ${(sleeping.makespanMs / sleeping.lowerBoundMs).toFixed(3)} × the bound`,
        );
        if (process.env.WB_BENCH_ORDER === '1') {
          const { workflowId, runId } = s.lastRun!;
          const parent = await events(s.client, workflowId, runId);
          const order = parent
            .filter((e) => e.type === 29)
            .map((e) =>
              e.raw.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId!.split('/').at(-1),
            );
          console.log(`[order ${s.lever.name}] ${order.join(' ')}`);
          console.log(`[markers ${s.lever.name}] ${parent.filter((e) => e.type === 25).length}`);
        }
      }
      console.log(
        `round ${round + 1}/${ROUNDS} done; load average ${loadavg()[0]!.toFixed(2)}; CPU stolen by the host ${stealShare()}`,
      );
    }
    report(subjects);
    console.log(
      `\nload average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const s of subjects) {
      await s.monitor.close();
      await s.workerHost.stop();
      await s.client.connection.close();
      s.store.close();
    }
    for (const { server } of servers.values()) await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The runtime with the parent's order untuned: `patched('tuned-critical-path-order')` → `false`. */
function withoutTunedOrder(runtime: Record<string, string>): Record<string, string> {
  const call = "patched('tuned-critical-path-order')";
  const loop = runtime['package-loop.ts'];
  if (!loop?.includes(call)) throw new Error(`runtime/package-loop.ts no longer calls ${call}`);
  return { ...runtime, 'package-loop.ts': loop.replace(call, 'false') };
}

async function createSubject(
  lever: Lever,
  address: string,
  dataDir: string,
  runtime: Awaited<ReturnType<typeof readRuntimeSources>>,
): Promise<Subject> {
  mkdirSync(dataDir, { recursive: true });
  const log = (level: string, message: string): void => {
    if (level === 'error') console.error(`[${lever.name}] ${message}`);
  };
  const store = openStore(join(dataDir, 'workflow-builder.db'));
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const ref: { registry?: WorkflowRegistry } = {};
  const queue = `bench-${lever.name.replace(/[^A-Za-z0-9._:/@-]/g, '-')}-${Date.now().toString(36)}`;
  const workerHost = new WorkerHost({
    launch: launchWorker([...WORKER_ARGS, ...(lever.workerExecArgv ?? [])]),
    connection: () => ({ address, namespace: 'default' }),
    workers: () =>
      (ref.registry?.specs() ?? []).map((spec) => ({
        ...spec,
        ...(lever.tuning ? { tuning: lever.tuning } : {}),
      })),
    onLog: log,
  });
  const registry = (ref.registry = new WorkflowRegistry({
    store,
    compiler: defaultCompiler,
    bundles: new BundleCache({ dataDir, log }),
    runtimeFiles: async () => (lever.untunedOrder ? withoutTunedOrder(runtime) : runtime),
    defaultTaskQueue: queue,
    ...(lever.floor
      ? {
          builtin: {
            taskQueue: queue,
            files: async () => ({
              'floor.ts': readFileSync(new URL('./reference/floor.ts', import.meta.url), 'utf8'),
            }),
          },
        }
      : {}),
    workerHost,
    log,
  }));
  const monitor = new RunMonitor({
    store,
    client: async () => client,
    bus: new EventBus(),
    log,
    askOnListedChildStart: lever.askOnChildStart ?? false,
  });
  const launcher = new WorkflowRunLauncher({
    store,
    client: async () => client,
    registry,
    ...(lever.monitor === false ? {} : { monitor }),
  });
  const child = packageBuildDefinition() as ChildDefinition;
  // The builds on a task queue of their own, as the app and the CLI run them (`package-build`): a
  // worker of their own in the worker process, with its own workflow thread.
  if (lever.oneQueue !== true) child.settings = { ...child.settings, taskQueue: `${queue}-builds` };
  lever.child?.(child);
  const childId = store.definitions.save({ definition: child }).id;
  const parent = packageBuilderDefinition(childId, { maxConcurrent: N, policy: 'critical-path-first' }) as {
    nodes: Array<{ kind: string; data: { childInput?: Record<string, unknown> } }>;
  };
  if (lever.expectation !== false) {
    const loop = parent.nodes.find((n) => n.kind === 'dynamicLoop')!;
    loop.data.childInput = {
      ...loop.data.childInput,
      expectedDurationMs: { $ref: '$package.expectedDurationMs' },
    };
  }
  const saved = store.definitions.save({ definition: parent });
  const subject: Subject = {
    lever,
    store,
    client,
    launcher,
    monitor,
    workerHost,
    definition: store.definitions.get(saved.id, saved.version),
    queue,
    firstRunToChildMs: NaN,
    ensureMs: NaN,
    samples: { instant: [], chain: [], sleeping: [] },
  };
  // The first run of a new definition: compile + bundle + worker start (ensure, timed on its own so
  // the figure splits; the launcher's own ensure then finds it loaded), then Run → first child.
  const clicked = performance.now();
  await registry.ensure(subject.definition);
  subject.ensureMs = performance.now() - clicked;
  subject.firstRunToChildMs =
    subject.ensureMs +
    (await run(subject, lever.floor ? CHAIN_PACKAGES.slice(0, 4) : INSTANT_PACKAGES.slice(0, 4)))
      .runToFirstChildMs;
  return subject;
}

/** The app's path: PackageBuilder through the launcher, to completion (followed by the monitor). */
async function runPackageBuilder(
  s: Subject,
  packages: Pkg[],
): Promise<{ workflowId: string; runId: string }> {
  const started = await s.launcher.start(s.definition, { packages, failures: {} });
  if (s.lever.monitor === false) {
    await s.client.workflow.getHandle(started.workflowId).result();
  } else {
    await s.monitor.settled(started.workflowId);
    const status = s.store.runs.get(started.workflowId).status;
    if (status !== 'completed')
      throw new Error(`[${s.lever.name}] run ${started.workflowId} ended ${status}`);
  }
  return started;
}

/** benchmarks/reference/floor.ts: a chain of `count` bare children, to completion. */
async function runFloorChain(s: Subject, count: number): Promise<{ workflowId: string; runId: string }> {
  const handle = await s.client.workflow.start('FloorChain', {
    taskQueue: s.queue,
    workflowId: `floor-${Date.now().toString(36)}`,
    args: [count, `${s.queue}-builds`],
  });
  await handle.result();
  return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
}

/** One run of the subject, to completion, read back from the histories. */
async function run(s: Subject, packages: Pkg[]): Promise<RunSample> {
  const cpuBefore = cpuNow();
  const clicked = Date.now();
  const started = s.lever.floor
    ? await runFloorChain(s, packages.length)
    : await runPackageBuilder(s, packages);
  s.lastRun = started;
  const cpuAfter = cpuNow();
  const cpuPerChildMs = {
    server: (cpuAfter.server - cpuBefore.server) / packages.length,
    worker: (cpuAfter.worker - cpuBefore.worker) / packages.length,
    main: (cpuAfter.main - cpuBefore.main) / packages.length,
  };
  const parent = await events(s.client, started.workflowId, started.runId);
  const makespanMs = time(first(parent, 2)) - time(first(parent, 1));
  const childStarts = parent.filter((e) => e.type === 31);
  if (childStarts.length !== packages.length)
    throw new Error(`expected ${packages.length} children, got ${childStarts.length}`);
  const runToFirstChildMs = Math.min(...childStarts.map(time)) - clicked;
  const overheads: number[] = [];
  const buildSpans: Array<{ start: number; end: number; ms: number }> = [];
  const eager = { count: 0, of: 0, local: 0 };
  const steps = new Map<string, number[]>(STEPS.map((name) => [name, []]));
  const add = (name: (typeof STEPS)[number], value: number): void => void steps.get(name)!.push(value);
  await Promise.all(
    parent
      .filter((e) => e.type === 29)
      .map(async (initiated) => {
        const id = initiated.raw.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId!;
        const pStarted = parent.find(
          (e) =>
            e.type === 31 &&
            e.raw.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId === id,
        )!;
        const pDone = parent.find(
          (e) =>
            e.type === 32 &&
            e.raw.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId === id,
        );
        if (!pDone) throw new Error(`child ${id} did not complete`);
        const pTaskStarted = parent.find((e) => e.type === 6 && e.id > pDone.id)!;
        const pTaskDone = parent.find((e) => e.type === 7 && e.id > pTaskStarted.id)!;
        const child = await events(s.client, id);

        const tasksStarted = child.filter((e) => e.type === 6);
        const tasksDone = child.filter((e) => e.type === 7);
        const lastTaskDone = tasksDone.at(-1)!;
        const actStarted = child.find((e) => e.type === 11);
        const actDone = child.find((e) => e.type === 12);
        if (actStarted && actDone) {
          const buildMs = time(actDone) - time(actStarted);
          // Eagerly dispatched: started in the same server step that scheduled it (a matching round
          // trip takes milliseconds even on an idle machine).
          const actScheduled = first(child, 10);
          if (time(actStarted) - time(actScheduled) < 1) eager.count += 1;
          eager.of += 1;
          overheads.push(time(pDone) - time(initiated) - buildMs);
          buildSpans.push({ start: time(actStarted), end: time(actDone), ms: buildMs });
          add(STEPS[0], time(pStarted) - time(initiated));
          add(STEPS[1], time(tasksStarted[0]!) - time(first(child, 1)));
          add(STEPS[2], time(tasksDone[0]!) - time(tasksStarted[0]!));
          add(STEPS[3], time(actStarted) - time(tasksDone[0]!));
          add(STEPS[4], buildMs);
          add(STEPS[5], time(tasksStarted[1]!) - time(actDone));
          add(STEPS[6], time(tasksDone[1]!) - time(tasksStarted[1]!));
        } else {
          // A local activity runs inside the workflow task (a MarkerRecorded event, no activity
          // events): its own time is the duration buildPackage reports in the child's result.
          first(child, 25);
          eager.local += 1;
          const buildMs = buildDurationOf(first(child, 2));
          overheads.push(time(pDone) - time(initiated) - buildMs);
          // The marker is written when the task completes: the build ended shortly before.
          buildSpans.push({
            start: time(tasksDone[0]!) - buildMs,
            end: time(tasksDone[0]!),
            ms: buildMs,
          });
          add(STEPS[0], time(pStarted) - time(initiated));
          add(STEPS[1], time(tasksStarted[0]!) - time(first(child, 1)));
          add(
            STEPS[2],
            time(tasksDone[0]!) - time(tasksStarted[0]!) - (tasksDone.length === 1 ? buildMs : 0),
          );
          add(STEPS[3], 0);
          add(STEPS[4], buildMs);
          add(STEPS[5], tasksStarted.length > 1 ? time(tasksStarted[1]!) - time(tasksDone[0]!) : 0);
          add(STEPS[6], tasksStarted.length > 1 ? time(tasksDone[1]!) - time(tasksStarted[1]!) - buildMs : 0);
        }
        add(STEPS[7], time(pDone) - time(lastTaskDone));
        add(STEPS[8], time(pTaskStarted) - time(pDone));
        add(STEPS[9], time(pTaskDone) - time(pTaskStarted));
      }),
  );
  const builtMs = buildSpans.reduce((sum, b) => sum + b.ms, 0);
  const declaredMs = packages.reduce((sum, p) => sum + p.estimatedDurationMs, 0);
  const slots: SlotAccount = {
    headMs: Math.min(...buildSpans.map((b) => b.start)) - time(first(parent, 1)),
    tailMs: time(first(parent, 2)) - Math.max(...buildSpans.map((b) => b.end)),
    buildExcessPerSlotMs: (builtMs - declaredMs) / N,
    idlePerChildMs: (N * makespanMs - builtMs) / packages.length,
  };
  return {
    makespanMs,
    lowerBoundMs: lowerBound(packages, N),
    runToFirstChildMs,
    queriesPerChild:
      s.lever.floor || s.lever.monitor === false
        ? NaN
        : s.monitor.stats(started.workflowId).queries / packages.length,
    overheads,
    steps,
    eager,
    cpuPerChildMs,
    slots,
  };
}

type Ev = HistoryEvent;
const events = historyOf;

const time = (e: Ev): number => e.at;

/** `durationMs` of the build node's result, from the child's WorkflowExecutionCompleted event. */
function buildDurationOf(completed: Ev): number {
  const payload = completed.raw.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  // The child returns its node results (finishRun): `{ buildLocal: { durationMs, … } }` (or `build`).
  const result: unknown = JSON.parse(Buffer.from(payload?.data ?? new Uint8Array()).toString('utf8'));
  const duration = buildTimeOfResult(result);
  if (duration === undefined) throw new Error('the child result has no build durationMs');
  return duration;
}
function first(list: Ev[], type: number): Ev {
  const found = list.find((e) => e.type === type);
  if (!found) throw new Error(`no event of type ${type}`);
  return found;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** `37 / 112` (eager of the activities), `+ 40 local` for the builds that ran as local activities. */
function eagerShare(samples: RunSample[]): string {
  const count = samples.reduce((sum, r) => sum + r.eager.count, 0);
  const of = samples.reduce((sum, r) => sum + r.eager.of, 0);
  const local = samples.reduce((sum, r) => sum + r.eager.local, 0);
  if (of === 0) return 'local';
  return local > 0 ? `${count} / ${of} + ${local} local` : `${count} / ${of}`;
}

function report(subjects: Subject[]): void {
  const base = subjects[0]!;
  const pooled = (s: Subject, kind: 'instant' | 'chain' | 'sleeping'): number[] =>
    s.samples[kind].flatMap((r) => r.overheads);
  const makespan = (s: Subject, kind: 'instant' | 'chain' | 'sleeping'): number =>
    median(s.samples[kind].map((r) => r.makespanMs));
  const bound = SLEEPING.length ? lowerBound(SLEEPING, N) : NaN;
  printTable(
    `Per-child overhead and makespan, N = ${N}, ${ROUNDS} rounds per subject, medians (ratios = ${base.lever.name} / subject, measured in this run: > 1× is faster)`,
    [
      'subject',
      'overhead median (instant)',
      'vs first',
      'p95 (instant)',
      `overhead median (chain of ${CHAIN})`,
      'vs first',
      `${CHAIN} chained: makespan`,
      'overhead median (sleeping)',
      'p95 (sleeping)',
      `${INSTANT} instant: makespan`,
      'vs first',
      `${SLEEPING.length} sleeping: makespan / bound`,
      'eager dispatch',
      'Run → first child',
      'first run of a new definition → first child',
      '(of which compile + bundle + worker start)',
    ],
    subjects.map((s) => [
      s.lever.name,
      ms(median(pooled(s, 'instant'))),
      ratio(median(pooled(base, 'instant')) / median(pooled(s, 'instant'))),
      ms(percentile(pooled(s, 'instant'), 95)),
      ms(median(pooled(s, 'chain'))),
      ratio(median(pooled(base, 'chain')) / median(pooled(s, 'chain'))),
      ms(makespan(s, 'chain')),
      ms(median(pooled(s, 'sleeping'))),
      ms(percentile(pooled(s, 'sleeping'), 95)),
      ms(makespan(s, 'instant')),
      ratio(makespan(base, 'instant') / makespan(s, 'instant')),
      s.samples.sleeping.length === 0
        ? 'n/a'
        : `${ms(makespan(s, 'sleeping'))} / ${ms(bound)} = ${(makespan(s, 'sleeping') / bound).toFixed(3)}`,
      eagerShare([...s.samples.instant, ...s.samples.chain, ...s.samples.sleeping]),
      ms(median([...s.samples.instant, ...s.samples.sleeping].map((r) => r.runToFirstChildMs))),
      ms(s.firstRunToChildMs),
      ms(s.ensureMs),
    ]),
  );
  printTable(
    `CPU time per instant child (ms; dev server / worker process / main), median over ${ROUNDS} rounds — the machine's load does not inflate these`,
    [
      'subject',
      'server',
      'worker',
      'main',
      'total',
      'worker process: peak RSS',
      'state queries per child (instant / chain)',
    ],
    subjects.map((s) => {
      const of = (k: 'server' | 'worker' | 'main'): number =>
        median(s.samples.instant.map((r) => r.cpuPerChildMs[k]));
      const peak = s.workerHost.pid === undefined ? undefined : peakRssMiB(s.workerHost.pid);
      return [
        s.lever.name,
        ms(of('server')),
        ms(of('worker')),
        ms(of('main')),
        ms(of('server') + of('worker') + of('main')),
        peak === undefined ? '—' : `${peak} MiB`,
        `${median(s.samples.instant.map((r) => r.queriesPerChild)).toFixed(2)} / ${median(
          s.samples.chain.map((r) => r.queriesPerChild),
        ).toFixed(2)}`,
      ];
    }),
  );
  printTable(
    `Where the ${SLEEPING.length} sleeping builds' makespan goes beyond the bound (medians over ${ROUNDS} rounds; ideal = the same schedule without overhead)`,
    [
      'subject',
      'makespan − bound',
      'head (parent started → first build)',
      'tail (last build → parent completed)',
      'builds beyond their declared time, per slot',
      'idle slot time per child',
    ],
    subjects.map((s) => {
      const of = (k: keyof SlotAccount): number => median(s.samples.sleeping.map((r) => r.slots[k]));
      return [
        s.lever.name,
        ms(makespan(s, 'sleeping') - bound),
        ms(of('headMs')),
        ms(of('tailMs')),
        ms(of('buildExcessPerSlotMs')),
        ms(of('idlePerChildMs')),
      ];
    }),
  );
  for (const kind of ['chain', 'instant', 'sleeping'] as const)
    printTable(
      `Where one ${kind === 'chain' ? 'chained' : kind} child's time goes (median of each step over ${kind === 'chain' ? CHAIN : kind === 'instant' ? INSTANT : SLEEPING.length} children × ${ROUNDS} rounds)`,
      ['step', ...subjects.map((s) => s.lever.name)],
      STEPS.map((step) => [
        step,
        ...subjects.map((s) => ms(median(s.samples[kind].flatMap((r) => r.steps.get(step)!)))),
      ]),
    );
}

await main();
