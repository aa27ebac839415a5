import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import {
  BuildPackageInputSchema,
  buildLogRelativePath,
  type BuildPackageInput,
  type BuildPackageResult,
} from '../../core/activities';
import { abortReason, currentActivityContext, parseInput } from './activity-support';
import { BuildLog } from './build-log';

/** `spawn` as the activity uses it (child_process.spawn fits; tests may inject another). */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface BuildPackageDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  spawn: SpawnFn;
  /** Default log folder, `<data dir>/logs`. */
  logDir: string;
  /** How often a running build heartbeats (and logs progress when simulated). */
  heartbeatIntervalMs: number;
  /** Grace period between SIGTERM and SIGKILL when a real build is cancelled. */
  killGraceMs: number;
}

/** The failure type of a build that failed (exit code, `failWith`). */
export const PACKAGE_BUILD_FAILED = 'PackageBuildFailed';
/** The failure type of a build command that could not start (not found, bad cwd). */
export const PACKAGE_BUILD_COMMAND_ERROR = 'PackageBuildCommandError';

/**
 * Builds one package. Simulated unless `command` is given: sleeps `simulatedDurationMs` in
 * heartbeat-sized steps, honouring cancellation between and during them. A real build runs
 * `command` without a shell in `cwd`, its output going to the log file line by line; a non-zero
 * exit fails with the code and the last output lines (retryable: the activity's retry policy
 * decides), a command that cannot start fails non-retryably. `failWith` fails the build, after
 * the simulated time, with a non-retryable `PackageBuildFailed` carrying that message.
 */
export async function buildPackage(
  deps: BuildPackageDeps,
  rawInput: BuildPackageInput,
): Promise<BuildPackageResult> {
  const input = parseInput('buildPackage', BuildPackageInputSchema, rawInput);
  const ctx = currentActivityContext();
  const signal = ctx?.cancellationSignal;
  const heartbeat = (details: Record<string, unknown>): void => ctx?.heartbeat(details);
  const logFile = join(
    resolve(input.logDir ?? deps.logDir),
    ...buildLogRelativePath(input.runId, input.packageName).split('/'),
  );
  const log = await BuildLog.open(logFile, deps.now);
  const startedAt = deps.now();
  const elapsed = (): number => deps.now() - startedAt;
  const mode = input.command
    ? `command: ${JSON.stringify(input.command)}`
    : `simulated, ${input.simulatedDurationMs ?? 0} ms`;
  log.line(`=== ${input.packageName} · attempt ${input.attempt} · run ${input.runId} · ${mode}`);
  try {
    let output: string;
    if (input.command) {
      await runCommand(deps, input, input.command, log, heartbeat, signal, elapsed);
      output = log.tail();
    } else {
      await simulate(deps, input, log, heartbeat, signal, elapsed);
      output = `simulated build of ${input.packageName} (${input.simulatedDurationMs ?? 0} ms)`;
    }
    if (input.failWith !== undefined) {
      log.line(`FAILED: ${input.failWith}`);
      throw ApplicationFailure.create({
        message: input.failWith,
        type: PACKAGE_BUILD_FAILED,
        nonRetryable: true,
        details: [{ packageName: input.packageName, logFile }],
      });
    }
    const durationMs = elapsed();
    log.line(`=== ${input.packageName} built in ${formatMs(durationMs)}`);
    return { packageName: input.packageName, durationMs, logFile, output };
  } catch (error) {
    if (signal?.aborted) log.line(`=== cancelled after ${formatMs(elapsed())} (${describeReason(signal)})`);
    throw error;
  } finally {
    await log.close();
  }
}

async function simulate(
  deps: BuildPackageDeps,
  input: BuildPackageInput,
  log: BuildLog,
  heartbeat: (details: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
  elapsed: () => number,
): Promise<void> {
  const total = input.simulatedDurationMs ?? 0;
  heartbeat({ packageName: input.packageName, elapsedMs: 0 });
  for (let slept = 0; slept < total;) {
    const step = Math.min(deps.heartbeatIntervalMs, total - slept);
    await deps.sleep(step, signal);
    slept += step;
    heartbeat({ packageName: input.packageName, elapsedMs: elapsed() });
    log.line(`progress ${Math.round((100 * slept) / total)}% (${formatMs(slept)} of ${formatMs(total)})`);
  }
  if (signal?.aborted) throw abortReason(signal);
}

async function runCommand(
  deps: BuildPackageDeps,
  input: BuildPackageInput,
  command: readonly string[],
  log: BuildLog,
  heartbeat: (details: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
  elapsed: () => number,
): Promise<void> {
  const [program, ...args] = command as [string, ...string[]];
  const cwd = resolve(input.cwd ?? process.cwd());
  const cwdStat = await stat(cwd).catch(() => undefined);
  if (!cwdStat?.isDirectory()) {
    log.line(`cannot run: working directory ${cwd} does not exist`);
    throw ApplicationFailure.create({
      message: `${input.packageName}: working directory ${cwd} does not exist`,
      type: PACKAGE_BUILD_COMMAND_ERROR,
      nonRetryable: true,
    });
  }
  if (signal?.aborted) throw abortReason(signal);
  log.line(`$ ${command.map(quoteArg).join(' ')}   (in ${cwd})`);
  const child = deps.spawn(program, args, {
    cwd,
    shell: false,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.stdout?.on('data', (data: Buffer) => log.chunk('stdout', data));
  child.stderr?.on('data', (data: Buffer) => log.chunk('stderr', data));

  heartbeat({ packageName: input.packageName, elapsedMs: 0 });
  const ticker = setInterval(
    () => heartbeat({ packageName: input.packageName, elapsedMs: elapsed() }),
    deps.heartbeatIntervalMs,
  );
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    log.line(`cancellation requested: stopping pid ${child.pid ?? '?'} (SIGTERM)`);
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), deps.killGraceMs);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolveExit, reject) => {
        child.once('error', reject);
        // 'close' (not 'exit'): the output pipes are drained by then, so the log is complete.
        child.once('close', (code, exitSignal) => resolveExit({ code, signal: exitSignal }));
      },
    ).catch((error: NodeJS.ErrnoException) => {
      log.line(`cannot run ${program}: ${error.message}`);
      throw ApplicationFailure.create({
        message: `${input.packageName}: cannot run ${JSON.stringify(program)}: ${error.message}${error.code === 'ENOENT' ? ' (not found on PATH; commands run without a shell)' : ''}`,
        type: PACKAGE_BUILD_COMMAND_ERROR,
        nonRetryable: true,
      });
    });
    log.flush();
    if (signal?.aborted) throw abortReason(signal);
    if (outcome.code === 0) return;
    const how =
      outcome.code !== null
        ? `exited with code ${outcome.code}`
        : `was killed by ${outcome.signal ?? 'a signal'}`;
    log.line(`FAILED: ${program} ${how}`);
    const tail = log.tail();
    throw ApplicationFailure.create({
      message: `${input.packageName}: build command ${how}${tail ? `; last output:\n${tail}` : ' (no output)'}`,
      type: PACKAGE_BUILD_FAILED,
      details: [{ packageName: input.packageName, exitCode: outcome.code, signal: outcome.signal }],
    });
  } finally {
    clearInterval(ticker);
    if (killTimer) clearTimeout(killTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function describeReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason);
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

/** `850 ms`, `2.4 s`, `3 min 05 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
