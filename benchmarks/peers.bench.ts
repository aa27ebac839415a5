/**
 * Peers, side by side (issue 12): workflow-builder's `build` against pnpm, turbo and nx on the same
 * seeded workspaces at N = 4 (16 on the 500-package one), each tool cold on a fresh copy, in one
 * run so that machine load hits every tool alike.
 *
 * - The built CLI (`npm run build:cli`, plain node, no tsx) runs `build <copy> --force` against one
 *   private dev server started here (the app's flags), with one data folder and fixed task queues,
 *   after a warm-up build: the definition is stored and its bundle cached — the steady state of a
 *   machine whose server is running. Its wall time still includes the CLI's own start (services,
 *   worker process) and shutdown, as a user sees it.
 * - pnpm `-r --workspace-concurrency=N run build`, turbo `run build --concurrency=N --force`, nx
 *   `run-many -t build --parallel=N --skip-nx-cache`, at pinned versions installed from the npm
 *   registry into a scratch folder outside the clone (benchmarks/lib/peer-tools.ts).
 * - Workspaces (benchmarks/lib/peer-workspaces.ts): 20 and 50 packages sleeping 0.5–6 s (the 50 one
 *   98 edges, 6 layers), 100 independent instant builds, 200 packages of 0–40 ms with 455 edges, and
 *   issue 12's 500 packages of 0–40 ms with 1,138 edges at N = 16.
 *   Every build appends its start and end to the copy's timeline; each run's timeline is checked
 *   (every package once, never before its dependencies ended).
 * - Every (workspace, repetition) runs all tools in an order rotated per repetition; medians.
 *
 * Prints per workspace and tool: makespan (wall time of the command), makespan / lower bound
 * (max(critical path, work / N) of the nominal build times), makespan against ours, start-up (command
 * start → first build), span (first build start → last build end), max in flight (from the timeline:
 * proof a tool ran N at once), overhead per package ((makespan − bound) × N / packages: slot time a
 * package costs beyond its build). Writes the tables, with commit and date, into the marked section of
 * docs/architecture/performance.md. Not a CI test.
 *
 * Run: `npm run bench:peers [-- --reps 3 --sizes sleep-50,instant-100,sleep-20,mixed-200,mixed-500
 *       --tools ours,pnpm,turbo,nx --no-doc]`
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCli } from '../scripts/build-cli';
import { TemporalDevServer } from '../src/main/dev-server';
import { findTemporalCli } from '../src/main/dev-server/temporal-cli.mjs';
import { readTimeline, type TimelineSummary } from './lib/build-timeline';
import { writeDocSection } from './lib/doc-section';
import { installPeerTools, PEER_VERSIONS, peerCommands, type PeerCommand } from './lib/peer-tools';
import {
  instantWorkspace,
  lowerBound,
  PEER_WORKSPACES,
  TIMELINE_FILE,
  writePeerWorkspace,
  type PeerWorkspace,
} from './lib/peer-workspaces';
import { median, ratio } from './lib/stats';

/** Builds in flight, unless a workspace names its own (`concurrency`). */
const N = 4;
const nOf = (workspace: PeerWorkspace): number => workspace.concurrency ?? N;
/** `ours+daemon`: the same CLI on the build daemon (its own embedded server, warm worker), opt-in. */
const TOOLS = ['ours', 'ours+daemon', 'pnpm', 'turbo', 'nx'] as const;
const DEFAULT_TOOLS: Tool[] = ['ours', 'pnpm', 'turbo', 'nx'];
type Tool = (typeof TOOLS)[number];
const TOOL_LABEL: Record<Tool, string> = {
  ours: 'workflow-builder build',
  'ours+daemon': 'workflow-builder build (daemon)',
  pnpm: `pnpm ${PEER_VERSIONS.pnpm} -r`,
  turbo: `turbo ${PEER_VERSIONS.turbo}`,
  nx: `nx ${PEER_VERSIONS.nx} run-many`,
};
/** A run that takes longer than this is stopped and the benchmark fails (it would not be cold any more). */
const RUN_TIMEOUT_MS = 20 * 60_000;

const { values: flags } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    sizes: { type: 'string', default: Object.keys(PEER_WORKSPACES).join(',') },
    tools: { type: 'string', default: DEFAULT_TOOLS.join(',') },
    'no-doc': { type: 'boolean', default: false },
  },
});
const REPS = Number(flags.reps);
if (!Number.isInteger(REPS) || REPS < 1)
  throw new Error(`--reps must be a whole number ≥ 1, got ${flags.reps}`);
const SIZES = flags.sizes.split(',').map((s) => s.trim());
for (const size of SIZES) {
  if (!(size in PEER_WORKSPACES)) {
    throw new Error(`unknown --sizes entry "${size}"; known: ${Object.keys(PEER_WORKSPACES).join(', ')}`);
  }
}
const SELECTED = flags.tools.split(',').map((t) => t.trim()) as Tool[];
for (const tool of SELECTED) {
  if (!TOOLS.includes(tool)) throw new Error(`unknown --tools entry "${tool}"; known: ${TOOLS.join(', ')}`);
}

/** One run of one tool on a fresh copy, as measured. */
interface Sample {
  wallMs: number;
  timeline: TimelineSummary;
  /** Command start → first build start. */
  startupMs: number;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const epochMs = (): number => performance.timeOrigin + performance.now();
const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The environment of every tool: ours minus what `npm run` added (npm_*) or could inject code. */
function toolEnv(binDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, PATH: `${binDir}:${process.env.PATH ?? ''}`, DO_NOT_TRACK: '1', ...extra };
}

/** Runs `command` in `cwd`, its output into `logFile`; resolves with the wall time, fails on a non-zero exit. */
function timedRun(
  command: PeerCommand,
  cwd: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ startMs: number; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const log = openSync(logFile, 'w');
    const startMs = epochMs();
    // Its own process group, so a run that hangs is stopped with everything it started.
    const child = spawn(command.program, command.args, {
      cwd,
      env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      closeSync(log);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = epochMs() - startMs;
      clearTimeout(timer);
      closeSync(log);
      if (code === 0) resolve({ startMs, wallMs });
      else {
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
        reject(
          new Error(
            `${command.program} ${command.args.join(' ')} in ${cwd} exited ${code ?? signal}:\n${tail}`,
          ),
        );
      }
    });
  });
}

async function main(): Promise<void> {
  const temporal = findTemporalCli();
  if (!temporal) throw new Error('Temporal CLI not found: run `npm run provision` first');
  console.log(`load average at start: ${loads()}; ${cpus().length} CPUs; Temporal CLI ${temporal.version}`);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).stdout.trim();
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).stdout.trim() !== '';

  const cliFile = await buildCli();
  const scratch = join(tmpdir(), 'wb-peers-bench');
  mkdirSync(scratch, { recursive: true });
  const tools = installPeerTools(scratch);
  const runDir = mkdtempSync(join(scratch, 'run-'));
  const server = new TemporalDevServer({ dataDir: join(runDir, 'server'), binaryPath: temporal.path });
  const daemonDataDir = join(runDir, 'wb-data-daemon');
  const loadSeen: number[] = [loadavg()[0]!];
  try {
    const status = await server.start();
    const address = status.address;
    if (!address) throw new Error(`the dev server did not start: ${status.message ?? status.state}`);
    const oursBuild = (n: number): string[] => [cliFile, 'build', '.', '--force', '--concurrency', String(n)];
    const commandsFor = (n: number): Record<Tool, PeerCommand> => ({
      ...peerCommands(tools, n),
      ours: {
        program: process.execPath,
        args: [
          ...oursBuild(n),
          '--data-dir',
          join(runDir, 'wb-data'),
          '--temporal-address',
          address,
          '--task-queue',
          'peers-bench',
          '--build-task-queue',
          'peers-bench-pkg',
        ],
        env: {},
      },
      'ours+daemon': {
        program: process.execPath,
        args: [...oursBuild(n), '--data-dir', daemonDataDir, '--daemon'],
        env: {},
      },
    });

    const templates = join(runDir, 'templates');
    const template = (workspace: PeerWorkspace): string => {
      const dir = join(templates, workspace.id);
      writePeerWorkspace(dir, workspace, PEER_VERSIONS.pnpm);
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(tools.nxDir, join(dir, 'node_modules', 'nx')); // nx insists on a local install
      return dir;
    };
    const runOnce = async (tool: Tool, workspace: PeerWorkspace, from: string): Promise<Sample> => {
      // A fresh copy each run, at the same path for a workspace and tool: ours keeps build times per
      // workspace root, so from the second repetition on its order uses the first's (a user's
      // steady state: the same monorepo built again). No tool reuses any build output.
      const copy = join(runDir, 'copies', `${workspace.id}-${tool}`);
      cpSync(from, copy, { recursive: true, verbatimSymlinks: true });
      const command = commandsFor(nOf(workspace))[tool];
      const { startMs, wallMs } = await timedRun(
        command,
        copy,
        toolEnv(tools.binDir, command.env),
        `${copy}.log`,
      );
      const timeline = readTimeline(join(copy, TIMELINE_FILE), workspace.packages);
      rmSync(copy, { recursive: true, force: true });
      return { wallMs, timeline, startupMs: timeline.firstStartMs - startMs };
    };

    // Warm-up, not measured: ours stores its definition and bundles it (the steady state measured),
    // and every tool's files reach the page cache, so the first tool measured is not the one paying.
    const warmUp = instantWorkspace('warm-up', 8);
    const warmUpDir = template(warmUp);
    for (const tool of SELECTED) {
      const started = epochMs();
      await runOnce(tool, warmUp, warmUpDir);
      console.log(`warm-up ${tool}: ${Math.round(epochMs() - started)} ms`);
    }

    const results: Array<{ workspace: PeerWorkspace; samples: Map<Tool, Sample[]> }> = [];
    for (const [index, size] of SIZES.entries()) {
      const workspace = PEER_WORKSPACES[size]!();
      const dir = template(workspace);
      const n = nOf(workspace);
      const bound = lowerBound(workspace, n);
      console.log(
        `\n${workspace.id}: ${workspace.description}; ${(bound.workMs / 1000).toFixed(1)} s of work, ` +
          `critical path ${(bound.criticalPathMs / 1000).toFixed(1)} s, lower bound ${(bound.boundMs / 1000).toFixed(2)} s at N = ${n}`,
      );
      const samples = new Map<Tool, Sample[]>(SELECTED.map((t) => [t, []]));
      for (let rep = 0; rep < REPS; rep++) {
        const order = SELECTED.map((_, i) => SELECTED[(i + rep + index) % SELECTED.length]!);
        for (const tool of order) {
          const sample = await runOnce(tool, workspace, dir);
          samples.get(tool)!.push(sample);
          console.log(
            `  rep ${rep + 1} ${tool.padEnd(5)} ${(sample.wallMs / 1000).toFixed(2)} s ` +
              `(first build after ${(sample.startupMs / 1000).toFixed(2)} s, max in flight ${sample.timeline.maxInFlight}); load ${loads()}`,
          );
          loadSeen.push(loadavg()[0]!);
        }
      }
      results.push({ workspace, samples });
      // Written after each workspace: a run cut short still leaves what it measured, marked partial.
      const tables = results.map((r) => table(r.workspace, r.samples)).join('\n\n');
      const done = results.length === SIZES.length;
      const header =
        `Commit \`${commit}\`${dirty ? ' (with uncommitted changes)' : ''}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
        `${cpus().length} CPUs, load average ${Math.min(...loadSeen).toFixed(1)}–${Math.max(...loadSeen).toFixed(1)} (1-min, sampled after each run); ` +
        `N = ${N} unless a table says otherwise; ${REPS} repetition${REPS > 1 ? 's' : ''}, medians; Node ${process.version}, Temporal CLI ${temporal.version}.` +
        (done ? '' : ` **Partial: ${results.length} of ${SIZES.length} workspaces measured so far.**`);
      if (done) console.log(`\n${header}\n\n${tables}\n\nload average at end: ${loads()}`);
      if (!flags['no-doc']) {
        const doc = join(repoRoot, 'docs', 'architecture', 'performance.md');
        await writeDocSection(
          doc,
          'peers',
          `${header}\n\n${tables}`,
          '## Peers, side by side: the measured tables',
        );
        console.log(`wrote the tables${done ? '' : ' so far'} into ${doc}`);
      }
    }
  } finally {
    if (SELECTED.includes('ours+daemon')) {
      spawnSync(process.execPath, [cliFile, 'daemon', 'stop', '--data-dir', daemonDataDir], {
        stdio: 'ignore',
      });
      // Kept beside the peers' installs: the run folder goes, the daemon's account of the runs stays.
      const daemonLog = join(daemonDataDir, 'logs', 'build-daemon.log');
      if (existsSync(daemonLog)) {
        cpSync(daemonLog, join(scratch, 'last-build-daemon.log'));
        console.log(`the build daemon's log: ${join(scratch, 'last-build-daemon.log')}`);
      }
    }
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The Markdown table of one workspace: a row per tool, medians of its runs. */
function table(workspace: PeerWorkspace, samples: Map<Tool, Sample[]>): string {
  const n = nOf(workspace);
  const bound = lowerBound(workspace, n);
  const ours = samples.get('ours');
  const oursMs = ours ? median(ours.map((s) => s.wallMs)) : NaN;
  const seconds = (value: number): string => `${(value / 1000).toFixed(2)} s`;
  const rows = [...samples].map(([tool, runs]) => {
    const wall = median(runs.map((s) => s.wallMs));
    const inFlight = runs.map((s) => s.timeline.maxInFlight);
    return [
      TOOL_LABEL[tool],
      seconds(wall),
      runs.map((s) => (s.wallMs / 1000).toFixed(2)).join(' / '),
      bound.boundMs > 0 ? (wall / bound.boundMs).toFixed(3) : 'n/a',
      tool === 'ours' ? '1.0×' : ratio(wall / oursMs),
      seconds(median(runs.map((s) => s.startupMs))),
      seconds(median(runs.map((s) => s.timeline.lastEndMs - s.timeline.firstStartMs))),
      Math.min(...inFlight) === Math.max(...inFlight)
        ? String(inFlight[0])
        : `${Math.min(...inFlight)}–${Math.max(...inFlight)}`,
      `${Math.round(((wall - bound.boundMs) * n) / workspace.packages.length)} ms`,
    ];
  });
  const header = [
    'tool',
    'makespan (median)',
    'runs (s)',
    'makespan / bound',
    'makespan vs ours',
    'start → first build',
    'first build → last end',
    'max in flight',
    'overhead / package',
  ];
  return [
    `**${workspace.id}** — ${workspace.description}; N = ${n}; ${(bound.workMs / 1000).toFixed(1)} s of work, ` +
      `lower bound ${seconds(bound.boundMs)} (${bound.criticalPathMs >= bound.workMs / n ? 'critical path' : 'work / N'})`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

await main();
