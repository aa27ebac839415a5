import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import {
  BuildPackageInputSchema,
  buildLogRelativePath,
  type BuildPackageInput,
  type BuildPackageResult,
} from '../../core/activities';
import type { WorkerPolicy } from '../../core/settings/worker-policy';
import { abortReason, currentActivityContext, invalidInput, parseInput } from './activity-support';
import { BuildLog } from './build-log';
import { planBuild, refuseRemovedFields, type BuildStep } from './build-plan';
import { scriptEnv } from './script-invocation';
import { isInside } from './workspace-access';

/** `spawn` as the activity uses it (child_process.spawn fits; tests may inject another). */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface BuildPackageDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  spawn: SpawnFn;
  /** The log folder, `<data dir>/logs` (never from the input). */
  logDir: string;
  /** The workspaces the user opened and the allowed commands, as the worker knows them now. */
  policy: () => WorkerPolicy;
  /** Environment of real builds (PATH gets the workspace's node_modules/.bin in front). */
  env: NodeJS.ProcessEnv;
  /** How often a running build heartbeats (and logs progress when simulated). */
  heartbeatIntervalMs: number;
  /** Grace period between SIGTERM and SIGKILL when a real build is cancelled. */
  killGraceMs: number;
}

/** The failure type of a build that failed (exit code, `failWith`). */
export const PACKAGE_BUILD_FAILED = 'PackageBuildFailed';
/** The failure type of a build command that could not start (program not found). */
export const PACKAGE_BUILD_COMMAND_ERROR = 'PackageBuildCommandError';

/**
 * Builds one package. What runs is decided here, never by the input (see build-plan.ts): without
 * `workspaceRoot` the build is simulated — it sleeps `simulatedDurationMs` in heartbeat-sized
 * steps, honouring cancellation; with one, the root must be a workspace the worker was given, and
 * the package's own scripts (`scripts`, default `build`) run in its folder, then the allowed
 * command named by `command`. Output goes to the log file line by line; a non-zero exit fails with
 * the code and the last output lines (retryable: the activity's retry policy decides), a program
 * that cannot start fails non-retryably. `failWith` (the demo's failure injection) fails the
 * package's first attempt afterwards with a non-retryable `PackageBuildFailed` carrying that
 * message; a retry of the package (attempt 2, …) succeeds, as a fixed build would.
 */
export async function buildPackage(
  deps: BuildPackageDeps,
  rawInput: BuildPackageInput,
): Promise<BuildPackageResult> {
  refuseRemovedFields(rawInput);
  const input = parseInput('buildPackage', BuildPackageInputSchema, rawInput);
  // Every refusal happens before anything is written or run.
  const plan = await planBuild(input, deps.policy());
  const ctx = currentActivityContext();
  const signal = ctx?.cancellationSignal;
  const heartbeat = (details: Record<string, unknown>): void => ctx?.heartbeat(details);
  const logDir = resolve(deps.logDir);
  const logFile = join(logDir, ...buildLogRelativePath(input.runId, input.packageName).split('/'));
  // buildLogRelativePath makes each name one safe segment; checked again because a log path
  // escaping the data folder would let an input choose where the worker writes.
  if (!isInside(logDir, logFile))
    throw invalidInput('buildPackage', 'runId', `the log path ${logFile} leaves ${logDir}`);
  const log = await BuildLog.open(logFile, deps.now);
  const startedAt = deps.now();
  const elapsed = (): number => deps.now() - startedAt;
  const mode =
    plan.kind === 'real' ? `in ${plan.packageDir}` : `simulated, ${input.simulatedDurationMs ?? 0} ms`;
  log.line(`=== ${input.packageName} · attempt ${input.attempt} · run ${input.runId} · ${mode}`);
  try {
    let output: string;
    let skipped = false;
    if (plan.kind === 'real') {
      for (const step of plan.steps) {
        if (step.kind === 'skip') {
          log.line(step.label);
          continue;
        }
        const env = scriptEnv(deps.env, plan.packageDir, plan.rootDir);
        await runStep(deps, input, step, plan.packageDir, env, log, heartbeat, signal, elapsed);
      }
      const ran = plan.steps.some((step) => step.kind === 'run');
      skipped = !ran;
      output = ran
        ? log.tail()
        : `nothing to run for ${input.packageName}: ${plan.steps.map((s) => s.label).join('; ')}`;
    } else {
      await simulate(deps, input, log, heartbeat, signal, elapsed);
      output = `simulated build of ${input.packageName} (${input.simulatedDurationMs ?? 0} ms)`;
    }
    if (input.failWith !== undefined && input.attempt > 1)
      log.line(
        `failure injection ("${input.failWith}") applies to attempt 1 only: attempt ${input.attempt} passes`,
      );
    if (input.failWith !== undefined && input.attempt === 1) {
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
    return { packageName: input.packageName, durationMs, logFile, output, ...(skipped && { skipped }) };
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

async function runStep(
  deps: BuildPackageDeps,
  input: BuildPackageInput,
  step: Extract<BuildStep, { kind: 'run' }>,
  cwd: string,
  env: NodeJS.ProcessEnv,
  log: BuildLog,
  heartbeat: (details: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
  elapsed: () => number,
): Promise<void> {
  const { program, args } = step;
  if (signal?.aborted) throw abortReason(signal);
  log.line(`$ ${step.label}   (in ${cwd})`);
  // Its own process group on POSIX, so a cancel reaches what a script's shell started too.
  const ownGroup = process.platform !== 'win32';
  const child = deps.spawn(program, args, {
    cwd,
    env,
    shell: false,
    detached: ownGroup,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    windowsVerbatimArguments: step.windowsVerbatimArguments,
  });
  const kill = (how: NodeJS.Signals): void => {
    try {
      if (ownGroup && child.pid !== undefined) process.kill(-child.pid, how);
      else child.kill(how);
    } catch {
      child.kill(how);
    }
  };
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
    kill('SIGTERM');
    killTimer = setTimeout(() => kill('SIGKILL'), deps.killGraceMs);
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
        message: `${input.packageName}: cannot run ${JSON.stringify(program)}: ${error.message}${error.code === 'ENOENT' ? ' (not found on PATH)' : ''}`,
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
      message: `${input.packageName}: ${step.label.split(':')[0] ?? 'build'} ${how}${tail ? `; last output:\n${tail}` : ' (no output)'}`,
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

/** `850 ms`, `2.4 s`, `3 min 05 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
