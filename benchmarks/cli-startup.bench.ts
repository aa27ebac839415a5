/**
 * CLI start-up (issue 12: "from Run to the first child started ≤ 1 s; a first run of a new
 * definition ≤ 5 s"). Runs the built CLI (`build <folder>`, plain node) on a generated workspace of
 * 20 instant packages against one private dev server, and for each subject:
 *
 * - cold: a fresh data folder (the definition is saved, compiled and bundled, the worker loads it);
 * - warm: the same data folder again (definition stored, bundle cached), `warm` times.
 *
 * Subjects: `this` (this checkout's CLI) and `baseline` (the CLI built from a git ref, default
 * `main`, in a detached worktree under the OS temp folder), interleaved so machine load hits both
 * alike. Per run it measures from the CLI's spawn: the "started <id>" line on stdout (workflow
 * started), the parent's first ChildWorkflowExecutionStarted event (from its history; same
 * machine, same clock) and the exit. `this` runs with WB_TIMINGS=1 and its phase marks (stderr,
 * src/main/app/startup-timings.ts) are printed per phase as medians. Prints ratios this / baseline
 * and the load average. Not a CI test.
 *
 * Run: `npm run bench:cli-startup [-- --warm 3 --rounds 2 --baseline main]` (`--baseline none`
 * skips the baseline).
 *
 * `--daemon` adds the subject `daemon`: this CLI on the build daemon (no --temporal-address: the
 * data folder's daemon holds its embedded server and a warm worker; its cold run starts the daemon),
 * compared with `this` against the running server (`--baseline none --daemon` compares only the two).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection, type Client } from '@temporalio/client';
import { readDaemonRecord } from '../src/main/daemon/daemon-record';
import { buildCli, CLI_FILE } from '../scripts/build-cli';
import { findTemporalCli } from '../src/main/dev-server/temporal-cli.mjs';
import { instantWorkspace, writePeerWorkspace } from './lib/peer-workspaces';
import { withPrivateDevServer } from './lib/private-dev-server';
import { median } from './lib/stats';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const TIMING = /^\[wb-timing\] (\d+) (.+)$/;

interface RunResult {
  /** ms from spawn: "started" line, first child started (server time), exit. */
  started: number;
  firstChild: number;
  exit: number;
  /** WB_TIMINGS marks (ms since the CLI process's own start). */
  marks: Map<string, number>;
}

const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The CLI built from `ref` in a detached worktree (reusing this checkout's node_modules). */
function baselineCli(ref: string): { cli: string; dispose: () => void } {
  const dir = join(tmpdir(), `wb-cli-startup-baseline-${process.pid}`);
  const git = (...args: string[]): void => {
    const r = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('worktree', 'add', '--detach', dir, ref);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-cli.ts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`building the baseline CLI (${ref}) failed:\n${r.stderr}`);
  return { cli: join(dir, 'out', 'cli', CLI_FILE), dispose: () => git('worktree', 'remove', '--force', dir) };
}

async function runCli(
  cli: string,
  args: string[],
  client: Client | ((workflowId: string) => Promise<Client>),
): Promise<RunResult> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, WB_TIMINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let started = NaN;
  let workflowId: string | undefined;
  let out = '';
  let err = '';
  const marks = new Map<string, number>();
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
    const m = /started (\S+) on /.exec(out);
    if (m && workflowId === undefined) {
      workflowId = m[1];
      started = Date.now() - spawnedAt;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const exit = Date.now() - spawnedAt;
  if (code !== 0 || !workflowId) throw new Error(`${cli} ${args.join(' ')} exited ${code}:\n${out}\n${err}`);
  for (const line of err.split('\n')) {
    const m = TIMING.exec(line);
    // Pids differ from run to run: one row per step.
    const name = m?.[2]!.replace(/ \(pid \d+\)/, '');
    if (m && !marks.has(name!)) marks.set(name!, Number(m[1]));
  }
  const history = await (typeof client === 'function' ? await client(workflowId) : client).workflow
    .getHandle(workflowId)
    .fetchHistory();
  const event = history.events?.find((e) => e.childWorkflowExecutionStartedEventAttributes);
  if (!event?.eventTime?.seconds) throw new Error(`${workflowId} started no child`);
  const time = Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6);
  return { started, firstChild: time - spawnedAt, exit, marks };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      warm: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      baseline: { type: 'string', default: 'main' },
      daemon: { type: 'boolean', default: false },
    },
  });
  const warm = Number(values.warm);
  const rounds = Number(values.rounds);
  // Checked before the baseline is built; withPrivateDevServer finds it again.
  if (!findTemporalCli()) throw new Error('Temporal CLI not found: run `npm run provision` first');
  console.log(`load average at start: ${loads()}; ${cpus().length} CPUs`);

  const subjects: Record<string, string> = { this: await buildCli() };
  const baseline = values.baseline === 'none' ? undefined : baselineCli(values.baseline!);
  if (baseline) subjects.baseline = baseline.cli;
  if (values.daemon) subjects.daemon = subjects.this!;
  // Ratios: `this` against the baseline, or the daemon against `this` when there is no baseline.
  const [ours, base] = baseline || !values.daemon ? ['this', 'baseline'] : ['daemon', 'this'];
  const daemonDataDirs: string[] = [];

  const runDir = mkdtempSync(join(tmpdir(), 'wb-cli-startup-'));
  const workspace = join(runDir, 'workspace');
  writePeerWorkspace(workspace, instantWorkspace('instant-20', 20), '10.0.0');
  const results = new Map<string, { cold: RunResult[]; warm: RunResult[] }>();
  const loadSeen: number[] = [];
  try {
    await withPrivateDevServer(join(runDir, 'server'), async ({ address, client }) => {
      for (let round = 0; round < rounds; round++) {
        const order = Object.keys(subjects);
        if (round % 2 === 1) order.reverse();
        for (const name of order) {
          const dataDir = join(runDir, `data-${name}-${round}`);
          mkdirSync(dataDir, { recursive: true });
          const onDaemon = name === 'daemon';
          const args = ['build', workspace, '--force', '--data-dir', dataDir];
          args.push(...(onDaemon ? ['--daemon'] : ['--temporal-address', address]));
          if (onDaemon) daemonDataDirs.push(dataDir);
          const target = onDaemon ? daemonClient(dataDir) : client;
          const entry = results.get(name) ?? { cold: [], warm: [] };
          results.set(name, entry);
          entry.cold.push(await runCli(subjects[name]!, args, target));
          for (let i = 0; i < warm; i++) entry.warm.push(await runCli(subjects[name]!, args, target));
          loadSeen.push(loadavg()[0]!);
          console.log(`round ${round + 1} ${name}: done (load ${loads()})`);
        }
      }
    });
  } finally {
    await Promise.all(daemonConnections.map((c) => c.close().catch(() => undefined)));
    for (const dataDir of daemonDataDirs) {
      spawnSync(process.execPath, [subjects.this!, 'daemon', 'stop', '--data-dir', dataDir], {
        stdio: 'ignore',
      });
    }
    baseline?.dispose();
    if (existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
  }

  const med = (runs: RunResult[], pick: (r: RunResult) => number): number => median(runs.map(pick));
  const row = (label: string, pick: (r: RunResult) => number): string => {
    const cells = ['cold', 'warm'].flatMap((kind) => {
      const mine = med(results.get(ours)![kind as 'cold' | 'warm'], pick);
      const other = results.get(base)?.[kind as 'cold' | 'warm'];
      const b = other ? med(other, pick) : NaN;
      return [
        `${Math.round(mine)} ms`,
        other ? `${Math.round(b)} ms` : '–',
        other ? `${(mine / b).toFixed(2)}×` : '–',
      ];
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  };
  console.log(
    `\n### CLI start-up: medians (cold ${rounds}, warm ${rounds * warm} per subject), ms from spawn\n`,
  );
  console.log(`| figure | cold: ${ours} | cold: ${base} | ratio | warm: ${ours} | warm: ${base} | ratio |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('workflow started ("started" line)', (r) => r.started));
  console.log(row('first child started (parent history)', (r) => r.firstChild));
  console.log(row('process exit (20 instant builds)', (r) => r.exit));

  console.log(`\n### Phases of \`${ours}\` (WB_TIMINGS marks, ms since the CLI process started; medians)\n`);
  console.log('| mark | cold | warm |');
  console.log('| --- | ---: | ---: |');
  const names = [
    ...new Set(
      results
        .get(ours)!
        .cold.concat(results.get(ours)!.warm)
        .flatMap((r) => [...r.marks.keys()]),
    ),
  ];
  for (const name of names) {
    const cell = (runs: RunResult[]): string => {
      const seen = runs.filter((r) => r.marks.has(name)).map((r) => r.marks.get(name)!);
      return seen.length > 0 ? `${Math.round(median(seen))}` : '–';
    };
    const e = results.get(ours)!;
    console.log(`| ${name} | ${cell(e.cold)} | ${cell(e.warm)} |`);
  }
  console.log(
    `\nload average during the runs (1 min): ${loadSeen.map((l) => l.toFixed(1)).join(', ')}; at end ${loads()}`,
  );
}

const daemonConnections: Connection[] = [];

/** A client of the server of the data folder's build daemon (read from its record once it runs). */
function daemonClient(dataDir: string): (workflowId: string) => Promise<Client> {
  let client: Promise<Client> | undefined;
  return () =>
    (client ??= (async () => {
      const record = readDaemonRecord(dataDir);
      if (!record) throw new Error(`no build daemon record in ${dataDir}`);
      const connection = await Connection.connect({ address: record.temporal.address });
      daemonConnections.push(connection);
      return new TemporalClient({ connection, namespace: record.temporal.namespace });
    })());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
