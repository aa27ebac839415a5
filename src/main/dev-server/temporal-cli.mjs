// Finds and provisions the Temporal CLI (which embeds the dev server) that workflow-builder runs:
// the app's dev server manager uses it at run time, `scripts/provision-temporal.mjs` is the command
// over it (`npm run provision`, `pretest`).
//
// Plain Node ESM with no npm dependencies: the command runs before `npm install` has necessarily
// finished. Idempotent: a second run finds the binary and returns at once. Types: temporal-cli.d.mts.
//
// Resolution order (the first that works wins):
//   0. <resourcesPath>/temporal/temporal[.exe]   the packaged Electron app's extra resource
//   1. $TEMPORAL_CLI_PATH                        an explicit choice; if it is broken we stop there
//   2. `temporal` on PATH                        only an official 1.5.x release
//   3. the cache, outside the clone              ${XDG_CACHE_HOME:-~/.cache}/workflow-builder/temporal-1.5.1/
//   4. `go install …/cmd/temporal@v1.5.1`        built into a temp dir, renamed into the cache
//   5. the official release archive              https://temporal.download/cli/archive/v1.5.1
// Steps 0-3 are `findTemporalCli()` (fast, never builds); 4-5 are added by `provisionTemporal()`.
//

import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** The CLI release the app is pinned to. Later tags carry a `replace` directive `go install` refuses. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
/** `go install` target for the pinned release. */
export const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;
/**
 * What a `go install` build of v1.5.1 reports: go-installed binaries carry no version stamp, so the
 * CLI says `0.0.0-DEV`; the server and UI versions pinned by v1.5.1's go.mod identify it.
 */
const GO_BUILD_FINGERPRINT = '(Server 1.29.1, UI 2.42.1)';
const MANIFEST_FILE = 'manifest.json';
const EXE = process.platform === 'win32' ? 'temporal.exe' : 'temporal';
/** A lock older than this is assumed abandoned (a build takes minutes, not an hour). */
const STALE_LOCK_MS = 60 * 60 * 1000;
const GO_STDERR_TAIL_LINES = 25;

/**
 * Error thrown by `provisionTemporal()` when no step produced a usable binary. Its message lists
 * every step tried, why it failed and how to fix it; `attempts` carries the same as data.
 */
export class TemporalCliNotFoundError extends Error {
  constructor(attempts, fix) {
    super(formatFailure(attempts, fix));
    this.name = 'TemporalCliNotFoundError';
    this.attempts = attempts;
  }
}

/** `${XDG_CACHE_HOME:-~/.cache}/workflow-builder/temporal-1.5.1`: outside the clone, shared by clones. */
export function temporalCacheDir(env = process.env) {
  const cacheRoot =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cacheRoot, 'workflow-builder', `temporal-${TEMPORAL_CLI_VERSION}`);
}

/**
 * Finds an already-present Temporal CLI without building or downloading anything (steps 0-3).
 * Returns `undefined` when none is usable; `locateTemporalCli()` also says why each step failed.
 */
export function findTemporalCli(options = {}) {
  return locateTemporalCli(options).cli;
}

/** Like `findTemporalCli()`, with the reason each step failed and the user-facing message when none worked. */
export function locateTemporalCli(options = {}) {
  const found = locate(options);
  if (found.cli) return { cli: found.cli, attempts: found.attempts };
  const fix = found.explicitFailure
    ? ['Fix TEMPORAL_CLI_PATH or unset it.']
    : [
        `Run \`npm run provision\` (needs Go 1.25+ or internet access), or set TEMPORAL_CLI_PATH=/path/to/temporal.`,
      ];
  return { cli: undefined, attempts: found.attempts, message: formatFailure(found.attempts, fix) };
}

/**
 * Finds the Temporal CLI, building or downloading it into the cache when absent (steps 0-5).
 * Throws `TemporalCliNotFoundError` listing every step tried.
 */
export async function provisionTemporal(options = {}) {
  const log = options.log ?? ((line) => process.stderr.write(`[provision-temporal] ${line}\n`));
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? temporalCacheDir(env);
  const found = locate({ ...options, cacheDir });
  if (found.cli) {
    if (found.cli.source === 'cache') adoptUnmarkedBuild(cacheDir, found.cli);
    return found.cli;
  }
  const attempts = [...found.attempts];
  // TEMPORAL_CLI_PATH is an explicit choice: building something else behind the user's back would hide the mistake.
  if (found.explicitFailure)
    throw new TemporalCliNotFoundError(attempts, ['Fix TEMPORAL_CLI_PATH or unset it.']);

  const lock = await acquireBuildLock(cacheDir, log);
  try {
    // Another provisioner may have finished while we waited for the lock.
    const afterWait = checkCache(cacheDir);
    if (afterWait.cli) return afterWait.cli;

    if (options.build !== false) {
      const built = await buildWithGo(cacheDir, env, log);
      if (built.cli) return built.cli;
      attempts.push(built.attempt);
    } else {
      attempts.push({ step: 'go install', reason: 'skipped (build: false)' });
    }
    if (options.download !== false) {
      const downloaded = await downloadRelease(cacheDir, options.downloadBaseUrl, log);
      if (downloaded.cli) return downloaded.cli;
      attempts.push(downloaded.attempt);
    } else {
      attempts.push({ step: 'download', reason: 'skipped (download: false)' });
    }
  } finally {
    lock.release();
  }
  throw new TemporalCliNotFoundError(attempts);
}

// ---------------------------------------------------------------------------------------------
// Steps 0-3: finding

function locate(options) {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? temporalCacheDir(env);
  const attempts = [];

  if (options.resourcesPath) {
    const candidate = join(options.resourcesPath, 'temporal', EXE);
    const probe = probeBinary(candidate);
    if (probe.ok) return { cli: { path: candidate, version: probe.version, source: 'resources' }, attempts };
    attempts.push({ step: 'app resources', reason: `${candidate}: ${probe.reason}` });
  }

  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit && explicit.trim() !== '') {
    const candidate = resolve(explicit);
    const probe = probeBinary(candidate);
    if (probe.ok) return { cli: { path: candidate, version: probe.version, source: 'env' }, attempts };
    attempts.push({ step: 'TEMPORAL_CLI_PATH', reason: `${candidate}: ${probe.reason}` });
    return { cli: undefined, attempts, explicitFailure: true };
  }
  attempts.push({ step: 'TEMPORAL_CLI_PATH', reason: 'not set' });

  const onPath = findOnPath(env);
  if (onPath.length === 0) attempts.push({ step: 'PATH', reason: `no ${EXE} on PATH` });
  for (const candidate of onPath) {
    const probe = probeBinary(candidate);
    if (probe.ok && isReleaseVersion(probe.version)) {
      return { cli: { path: candidate, version: probe.version, source: 'path' }, attempts };
    }
    const why = probe.ok
      ? `reports "${probe.version}", need an official ${minorSeries()}.x release`
      : probe.reason;
    attempts.push({ step: 'PATH', reason: `${candidate}: ${why}` });
  }

  const cached = checkCache(cacheDir);
  if (cached.cli) return { cli: cached.cli, attempts };
  attempts.push(cached.attempt);
  return { cli: undefined, attempts };
}

/** The cached binary, accepted when it is a 1.5.x release or our own go build of v1.5.1. */
function checkCache(cacheDir) {
  const candidate = join(cacheDir, EXE);
  if (!existsSync(candidate)) return { attempt: { step: 'cache', reason: `${candidate} does not exist` } };
  const probe = probeBinary(candidate);
  if (!probe.ok) return { attempt: { step: 'cache', reason: `${candidate}: ${probe.reason}` } };
  const manifest = readManifest(cacheDir);
  const ourBuild =
    isDevBuild(probe.version) &&
    (manifest?.cliVersion === TEMPORAL_CLI_VERSION || probe.version.includes(GO_BUILD_FINGERPRINT));
  if (isReleaseVersion(probe.version) || ourBuild) {
    return { cli: { path: candidate, version: probe.version, source: 'cache' } };
  }
  return {
    attempt: {
      step: 'cache',
      reason: `${candidate} reports "${probe.version}", not ${TEMPORAL_CLI_VERSION}`,
    },
  };
}

/** Runs `<binary> --version`: proves the file exists, is executable for this platform, and is the Temporal CLI. */
function probeBinary(candidate) {
  try {
    accessSync(candidate, process.platform === 'win32' ? fsConstants.F_OK : fsConstants.X_OK);
  } catch (error) {
    return {
      ok: false,
      reason: error.code === 'ENOENT' ? 'does not exist' : `not executable (${error.code})`,
    };
  }
  try {
    const out = execFileSync(candidate, ['--version'], {
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    const match = /^temporal version (.+)$/m.exec(out);
    if (!match)
      return { ok: false, reason: `"--version" printed "${out.slice(0, 120)}", not a Temporal CLI` };
    return { ok: true, version: match[1].trim() };
  } catch (error) {
    return { ok: false, reason: `"--version" failed: ${firstLine(error.stderr) || error.message}` };
  }
}

function findOnPath(env) {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const found = [];
  for (const dir of dirs) {
    const candidate = join(dir, EXE);
    if (existsSync(candidate) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

function minorSeries() {
  return TEMPORAL_CLI_VERSION.split('.').slice(0, 2).join('.');
}

function isReleaseVersion(version) {
  return version.startsWith(`${minorSeries()}.`);
}

function isDevBuild(version) {
  return version.startsWith('0.0.0-DEV');
}

function readManifest(cacheDir) {
  try {
    return JSON.parse(readFileSync(join(cacheDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeManifest(dir, fields) {
  const manifest = { cliVersion: TEMPORAL_CLI_VERSION, createdAt: new Date().toISOString(), ...fields };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A go build cached before manifests existed: record it so its 0.0.0-DEV string is accepted by the manifest. */
function adoptUnmarkedBuild(cacheDir, cli) {
  if (!isDevBuild(cli.version) || readManifest(cacheDir)) return;
  try {
    writeManifest(cacheDir, { source: 'adopted', module: TEMPORAL_CLI_MODULE, versionOutput: cli.version });
  } catch {
    // Read-only cache: the fingerprint still identifies the build, nothing to do.
  }
}

// ---------------------------------------------------------------------------------------------
// Step 4: go install

async function buildWithGo(cacheDir, env, log) {
  const step = 'go install';
  const go = findGo(env);
  if (!go) return { attempt: { step, reason: 'no `go` on PATH (Go 1.25+ is needed to build the CLI)' } };
  let goVersion;
  try {
    goVersion = execFileSync(go, ['version'], {
      encoding: 'utf8',
      timeout: 30_000,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    return {
      attempt: { step, reason: `\`${go} version\` failed: ${firstLine(error.stderr) || error.message}` },
    };
  }
  const staging = makeStagingDir(cacheDir);
  log(`building Temporal CLI v${TEMPORAL_CLI_VERSION} with ${goVersion} (a few minutes the first time)…`);
  const started = Date.now();
  const result = await run(go, ['install', TEMPORAL_CLI_MODULE], { ...env, GOBIN: staging });
  if (result.code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return {
      attempt: {
        step,
        reason: `\`go install ${TEMPORAL_CLI_MODULE}\` exited with ${result.code} (${goVersion}):\n${result.stderrTail}`,
      },
    };
  }
  const probe = probeBinary(join(staging, EXE));
  if (!probe.ok) {
    rmSync(staging, { recursive: true, force: true });
    return { attempt: { step, reason: `the built binary does not run: ${probe.reason}` } };
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  writeManifest(staging, {
    source: 'go install',
    module: TEMPORAL_CLI_MODULE,
    goVersion,
    versionOutput: probe.version,
  });
  return { cli: { path: publish(staging, cacheDir), version: probe.version, source: 'built' } };
}

function findGo(env) {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  if (env.GOROOT) dirs.push(join(env.GOROOT, 'bin'));
  const name = process.platform === 'win32' ? 'go.exe' : 'go';
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Step 5: official release download

async function downloadRelease(cacheDir, baseUrl = 'https://temporal.download/cli/archive', log) {
  const step = 'download';
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform];
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  if (!platform || !arch)
    return { attempt: { step, reason: `no official build for ${process.platform}/${process.arch}` } };
  const url = `${baseUrl}/v${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
  log(`downloading ${url}…`);
  const staging = makeStagingDir(cacheDir);
  const fail = (reason) => {
    rmSync(staging, { recursive: true, force: true });
    return { attempt: { step, reason: `${url}: ${reason}` } };
  };
  let response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(5 * 60_000) });
  } catch (error) {
    // fetch() hides the useful part (ENOTFOUND, ECONNREFUSED…) in `cause`.
    const cause = error.cause?.message ? ` (${error.cause.message})` : '';
    return fail(`${error.message}${cause}`);
  }
  if (!response.ok) return fail(`HTTP ${response.status} ${response.statusText}`);
  const archive = join(staging, platform === 'windows' ? 'temporal.zip' : 'temporal.tar.gz');
  writeFileSync(archive, Buffer.from(await response.arrayBuffer()));
  // bsdtar (Windows 10+, macOS) extracts zip too; GNU tar handles the Linux tar.gz.
  const extracted = await run(
    'tar',
    [platform === 'windows' ? '-xf' : '-xzf', archive, '-C', staging],
    process.env,
  );
  if (extracted.code !== 0) return fail(`tar exited with ${extracted.code}: ${extracted.stderrTail}`);
  unlinkSync(archive);
  const binary = findFile(staging, EXE);
  if (!binary) return fail(`the archive holds no ${EXE}`);
  if (binary !== join(staging, EXE)) renameSync(binary, join(staging, EXE));
  if (process.platform !== 'win32') chmodSync(join(staging, EXE), 0o755);
  const probe = probeBinary(join(staging, EXE));
  if (!probe.ok) return fail(`the downloaded binary does not run: ${probe.reason}`);
  writeManifest(staging, { source: 'download', url, versionOutput: probe.version });
  return { cli: { path: publish(staging, cacheDir), version: probe.version, source: 'downloaded' } };
}

function findFile(dir, name) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const nested = findFile(full, name);
      if (nested) return nested;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Atomic publication and the build lock

/** A staging dir next to the cache (same filesystem, so the final rename is atomic). */
function makeStagingDir(cacheDir) {
  mkdirSync(dirname(cacheDir), { recursive: true });
  return mkdtempSync(join(dirname(cacheDir), `.staging-temporal-${TEMPORAL_CLI_VERSION}-`));
}

/**
 * Moves a finished build into the cache. The binary is renamed (atomic) before the manifest, so the
 * cache never shows a half-written binary: readers see the old state or the complete new one.
 */
function publish(staging, cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const target = join(cacheDir, EXE);
  renameSync(join(staging, EXE), target);
  renameSync(join(staging, MANIFEST_FILE), join(cacheDir, MANIFEST_FILE));
  rmSync(staging, { recursive: true, force: true });
  return target;
}

/** An exclusive lock file, so two concurrent provisioners (two terminals, parallel CI steps) don't both build. */
async function acquireBuildLock(cacheDir, log) {
  mkdirSync(dirname(cacheDir), { recursive: true });
  const lockPath = `${cacheDir}.lock`;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(
        fd,
        JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }),
      );
      closeSync(fd);
      return { release: () => rmSync(lockPath, { force: true }) };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = readLock(lockPath);
    if (!holder) {
      // The lock file vanished or is being written right now: retry immediately.
      await sleep(100);
      continue;
    }
    if (holder.stale) {
      log(`removing a stale lock ${lockPath} (${holder.why})`);
      rmSync(lockPath, { force: true });
      continue;
    }
    if (!announced) {
      log(`waiting for another provisioner (pid ${holder.pid}) that is building into ${cacheDir}…`);
      announced = true;
    }
    await sleep(1000);
  }
}

function readLock(lockPath) {
  let content;
  let mtimeMs;
  try {
    content = readFileSync(lockPath, 'utf8');
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch {
    return undefined;
  }
  let holder;
  try {
    holder = JSON.parse(content);
  } catch {
    // Written but not yet filled (the holder is between open and write): give it a moment.
    return Date.now() - mtimeMs > 10_000 ? { stale: true, why: 'unreadable' } : undefined;
  }
  if (Date.now() - mtimeMs > STALE_LOCK_MS) return { stale: true, why: 'older than an hour' };
  if (holder.host === hostname() && !isAlive(holder.pid))
    return { stale: true, why: `pid ${holder.pid} is gone` };
  return { stale: false, pid: holder.pid };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function run(command, args, env) {
  return new Promise((resolvePromise) => {
    let stderr = '';
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      // Keep a bounded tail: go's last lines carry the actual error.
      stderr = (stderr + chunk).slice(-64 * 1024);
    });
    child.on('error', (error) => resolvePromise({ code: -1, stderrTail: error.message }));
    child.on('close', (code, signal) =>
      resolvePromise({ code: code ?? signal, stderrTail: tail(stderr, GO_STDERR_TAIL_LINES) }),
    );
  });
}

function tail(text, lines) {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `      ${line}`)
    .join('\n');
}

function firstLine(text) {
  return (
    String(text ?? '')
      .trim()
      .split('\n')[0] ?? ''
  );
}

function sleep(ms) {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

const DEFAULT_FIX = [
  `  - install Go 1.25+ (https://go.dev/dl/) and run \`npm run provision\` (builds into ${temporalCacheDir()}), or`,
  `  - download Temporal CLI ${TEMPORAL_CLI_VERSION} (https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}) and set TEMPORAL_CLI_PATH=/path/to/temporal.`,
];

function formatFailure(attempts, fix = DEFAULT_FIX) {
  const lines = [`Temporal CLI ${TEMPORAL_CLI_VERSION} not found. Steps tried:`];
  attempts.forEach((attempt, index) => lines.push(`  ${index + 1}. ${attempt.step}: ${attempt.reason}`));
  lines.push('How to fix:', ...fix.map((line) => (line.startsWith('  ') ? line : `  - ${line}`)));
  return lines.join('\n');
}
