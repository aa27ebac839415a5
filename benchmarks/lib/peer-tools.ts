/**
 * The peers of the peers benchmark: pnpm, turbo and nx at pinned versions, installed from the npm
 * registry into a scratch folder outside the clone (reused while the versions stay the same), and
 * how each one builds a workspace at N, cold.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Pinned versions. pnpm is the repo's own devDependency (10.x, the JavaScript pnpm): the registry's
 * latest (12.x) looks the `packageManager` pin up in the registry and installs before each `run`, so
 * its timings would measure the network. turbo's Linux binary comes as `@turbo/linux-64` since 2.8
 * (earlier: `turbo-linux-64`); nx's as `@nx/nx-linux-x64-gnu`.
 */
export const PEER_VERSIONS = {
  pnpm: '10.34.9',
  turbo: '2.11.11',
  '@turbo/linux-64': '2.11.11',
  nx: '24.0.6',
  '@nx/nx-linux-x64-gnu': '24.0.6',
} as const;

/** Where the installed tools are. */
export interface PeerToolsInstall {
  dir: string;
  /** node_modules/.bin of the install: put first on PATH so turbo and nx find this pnpm too. */
  binDir: string;
  /** The nx package folder (each workspace copy links node_modules/nx to it: nx wants a local install). */
  nxDir: string;
}

/** Installs the pinned tools into `<scratch>/tools-<versions>` unless they are there already. */
export function installPeerTools(scratch: string): PeerToolsInstall {
  const tag = Object.values(PEER_VERSIONS).join('-').replaceAll('.', '_');
  const dir = join(scratch, `tools-${tag}`);
  const binDir = join(dir, 'node_modules', '.bin');
  const nxDir = join(dir, 'node_modules', 'nx');
  const stamp = join(dir, 'installed.json');
  const specs = Object.entries(PEER_VERSIONS).map(([name, version]) => `${name}@${version}`);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(specs))
    return { dir, binDir, nxDir };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  console.log(`installing ${specs.join(' ')} into ${dir} …`);
  const npm = spawnSync(
    'npm',
    ['install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (npm.status !== 0) throw new Error(`npm install of ${specs.join(' ')} failed (exit ${npm.status})`);
  for (const tool of ['pnpm', 'turbo', 'nx']) {
    const version = spawnSync(join(binDir, tool), ['--version'], { cwd: dir, encoding: 'utf8' });
    if (version.status !== 0)
      throw new Error(`${tool} --version failed after the install: ${version.stderr}`);
  }
  writeFileSync(stamp, JSON.stringify(specs));
  return { dir, binDir, nxDir };
}

/** A tool's command building every package of a workspace at N, cold. */
export interface PeerCommand {
  program: string;
  args: string[];
  /** Extra environment of this tool. */
  env: Record<string, string>;
}

/** The three peers' cold builds at N (ours is added by the benchmark: it needs its server). */
export function peerCommands(
  tools: PeerToolsInstall,
  n: number,
): Record<'pnpm' | 'turbo' | 'nx', PeerCommand> {
  return {
    pnpm: {
      program: join(tools.binDir, 'pnpm'),
      args: ['-r', `--workspace-concurrency=${n}`, 'run', 'build'],
      env: {},
    },
    turbo: {
      program: join(tools.binDir, 'turbo'),
      args: ['run', 'build', `--concurrency=${n}`, '--force'],
      env: { TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
    },
    nx: {
      program: join(tools.binDir, 'nx'),
      args: ['run-many', '-t', 'build', `--parallel=${n}`, '--skip-nx-cache'],
      // No daemon: it would outlive the run (and a fresh copy starts one cold anyway); no cloud, no TUI.
      env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  };
}
