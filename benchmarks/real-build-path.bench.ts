/**
 * What a real build costs the worker before its script runs (issue 12, sixth pass), each measure
 * against the way it was done before, in the same run:
 *
 * 1. **Finding the package.** `planBuild` for every package of the 500-package peer workspace
 *    (`mixed-500`): with a new PackageLocator per build, which reads the whole workspace every time
 *    (what each build did before), against one locator for the worker (one read, then from memory).
 * 2. **Starting its process.** `spawn('sh', ['-c', 'true'])` from a process as large as a worker
 *    (ballast brings this one to ~265 MiB resident, the worker's peak in run 17), directly against
 *    through the BuildLauncher's small process. Measured: the CPU this process spends per build
 *    (user + system: the fork is the caller's), and the wall time from the call until the process
 *    closed.
 *
 * Run: `npm run bench:real-build-path [-- --rounds 3 --spawns 60 --ballast-mib 220]`
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { planBuild } from '../src/main/activities/build-plan';
import type { BuildProcess } from '../src/main/activities/build-process';
import { PackageLocator } from '../src/main/activities/package-locator';
import { BuildLauncher } from '../src/main/build-launcher/build-launcher';
import { PEER_VERSIONS } from './lib/peer-tools';
import { PEER_WORKSPACES, writePeerWorkspace } from './lib/peer-workspaces';
import { median, ms, ratio } from './lib/stats';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    spawns: { type: 'string', default: '60' },
    'ballast-mib': { type: 'string', default: '220' },
  },
});
const ROUNDS = Number(flags.rounds);
const SPAWNS = Number(flags.spawns);

async function locateAll(root: string, names: string[], shared: PackageLocator | undefined): Promise<number> {
  const policy = { workspaces: [root], commands: [] };
  const started = performance.now();
  for (const packageName of names) {
    const plan = await planBuild(
      { runId: 'bench', packageName, attempt: 1, workspaceRoot: root },
      policy,
      shared ?? new PackageLocator(),
    );
    if (plan.kind !== 'real') throw new Error(`${packageName}: not a real build`);
  }
  return performance.now() - started;
}

function closed(child: BuildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}

/** Per build: CPU of this process (ms) and wall time until the process closed (ms), medians. */
async function spawnAll(
  start: (program: string, args: string[]) => BuildProcess | Promise<BuildProcess>,
): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < SPAWNS; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    const child = await start('sh', ['-c', 'true']);
    await closed(child);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

async function main(): Promise<void> {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'wb-real-build-path-'));
  const launcher = new BuildLauncher();
  try {
    const workspace = PEER_WORKSPACES['mixed-500']!();
    const root = realpathSync(scratch);
    writePeerWorkspace(root, workspace, PEER_VERSIONS.pnpm);
    const names = workspace.packages.map((p) => p.name);

    // 1. Finding the package, 500 builds each way, interleaved.
    const perBuild: number[] = [];
    const shared: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      perBuild.push(await locateAll(root, names, undefined));
      shared.push(await locateAll(root, names, new PackageLocator()));
    }
    const before = median(perBuild);
    const after = median(shared);
    console.log(`\nfinding ${names.length} packages (planBuild for each), median of ${ROUNDS} rounds:`);
    console.log(
      `  a workspace read per build (before): ${ms(before)} (${ms(before / names.length)} a build)`,
    );
    console.log(`  one locator for the worker (now):    ${ms(after)} (${ms(after / names.length)} a build)`);
    console.log(`  → ${ratio(before / after)} less time`);

    // 2. Starting the build's process from a worker-sized process.
    const ballast: Buffer[] = [];
    for (let i = 0; i < Number(flags['ballast-mib']); i++) ballast.push(Buffer.alloc(1 << 20, 1));
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    const options: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], detached: true };
    await closed(await launcher.spawn('sh', ['-c', 'true'], options)); // the launcher started, warm
    const direct: Array<{ cpuMs: number; wallMs: number }> = [];
    const launched: Array<{ cpuMs: number; wallMs: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await spawnAll((p, a) => spawn(p, a, options)));
      launched.push(await spawnAll((p, a) => launcher.spawn(p, a, options)));
    }
    const of = (xs: typeof direct, key: 'cpuMs' | 'wallMs') => median(xs.map((x) => x[key]));
    console.log(
      `\nstarting a build's process from a process of ${rssMiB.toFixed(0)} MiB resident (${SPAWNS} spawns × ${ROUNDS} rounds, medians):`,
    );
    console.log('  | how                         | CPU of the caller per build | spawn → close |');
    console.log('  | --------------------------- | --------------------------: | ------------: |');
    console.log(
      `  | spawned by the caller       | ${ms(of(direct, 'cpuMs')).padStart(27)} | ${ms(of(direct, 'wallMs')).padStart(13)} |`,
    );
    console.log(
      `  | through the build launcher  | ${ms(of(launched, 'cpuMs')).padStart(27)} | ${ms(of(launched, 'wallMs')).padStart(13)} |`,
    );
    console.log(
      `  → ${ratio(of(direct, 'cpuMs') / of(launched, 'cpuMs'))} less CPU in the caller, ` +
        `${ratio(of(direct, 'wallMs') / of(launched, 'wallMs'))} on spawn → close`,
    );
    ballast.length = 0;
  } finally {
    launcher.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
