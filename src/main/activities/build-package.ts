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
import { filterWorkerEnvironment, layerEnvironment, npmScriptVariables } from './build-environment';
import { BuildLog, type BuildLogLimits } from './build-log';
import { LAUNCHER_LOST, type BuildProcess, type SpawnBuild } from './build-process';
import type { PackageLocator } from './package-locator';
import { planBuild, refuseRemovedFields, type BuildPlan, type BuildStep } from './build-plan';
import { hasGracePeriod, ownProcessGroup, treeKill } from './process-tree';
import { scriptEnv } from './script-invocation';
import { isInside } from './workspace-access';

/**
 * `spawn` as the activity uses it: child_process.spawn fits, and so does the worker's build
 * launcher (which resolves once the process has a pid); tests may inject another.
 */
export type SpawnFn = SpawnBuild;

export interface BuildPackageDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  spawn: SpawnFn;
  /** The log folder, `<data dir>/logs` (never from the input). */
  logDir: string;
  /** The workspaces the user opened and the allowed commands, as the worker knows them now. */
  policy: () => WorkerPolicy;
  /**
   * The worker's environment, the base of every real build's (filtered and layered: see
   * build-environment.ts).
   */
  env: NodeJS.ProcessEnv;
  /** How often a running build heartbeats (and logs progress when simulated). */
  heartbeatIntervalMs: number;
  /** Grace period between SIGTERM and SIGKILL when a real build is cancelled or timed out. */
  killGraceMs: number;
  /** Cap of a log file and bytes of output the result carries. */
  logLimits: BuildLogLimits;
  /** `npm_config_user_agent` of builds. */
  userAgent: string;
  /** The Node binary for `npm_node_execpath` / `NODE` (absent under Electron: no plain Node to name). */
  nodeExecPath?: string;
  /** @default process.platform */
  platform?: NodeJS.Platform;
  /** Where packages are, remembered between builds (see package-locator.ts). @default a new one per build */
  locator?: PackageLocator;
}

/** The failure type of a build that failed (exit code, `failWith`). */
export const PACKAGE_BUILD_FAILED = 'PackageBuildFailed';
/** The failure type of a build command that could not start (program not found). */
export const PACKAGE_BUILD_COMMAND_ERROR = 'PackageBuildCommandError';
/** How long the output pipes may stay open after the script's process exited. */
const PIPE_DRAIN_MS = 2000;

/** The failure type of a build stopped at its start-to-close timeout. */
export const PACKAGE_BUILD_TIMED_OUT = 'PackageBuildTimedOut';
/** The failure type of a build whose workspace variables cannot be provided (a secret not readable). */
export const BUILD_ENVIRONMENT_ERROR = 'BuildEnvironmentError';

/**
 * Builds one package. What runs is decided here, never by the input (see build-plan.ts): without
 * `workspaceRoot` the build is simulated — it sleeps `simulatedDurationMs` in heartbeat-sized
 * steps, honouring cancellation; with one, the root must be a workspace the worker was given, and
 * the package's own scripts (`scripts`, default `build`) run in its folder, then the allowed
 * command named by `command`; a package with none of the scripts (and no command) runs nothing and
 * returns `skipped: true`. Output goes to the log file (one per package per attempt, capped) as it
 * arrives; the last 64 KiB travel in the result. A non-zero exit fails with the code and the last
 * output lines (retryable: the activity's retry policy decides), a program that cannot start fails
 * non-retryably. Cancellation (including a heartbeat timeout the server reports) and the attempt's
 * start-to-close timeout stop the build's whole process tree (see process-tree.ts). `failWith` (the demo's failure injection) fails the
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
  const plan = await planBuild(input, deps.policy(), deps.locator);
  const ctx = currentActivityContext();
  const signal = ctx?.cancellationSignal;
  // A local activity has no heartbeats (the SDK answers each one with an "UnknownActivity" warning):
  // its workflow task's timeout and the activity's own deadline watch it instead.
  const heartbeats = ctx !== undefined && !ctx.info.isLocal;
  const heartbeat = (details: Record<string, unknown>): void => {
    if (heartbeats) ctx.heartbeat(details);
  };
  const logDir = resolve(deps.logDir);
  const logFile = join(
    logDir,
    ...buildLogRelativePath(input.runId, input.packageName, input.attempt).split('/'),
  );
  // buildLogRelativePath makes each name one safe segment; checked again because a log path
  // escaping the data folder would let an input choose where the worker writes.
  if (!isInside(logDir, logFile))
    throw invalidInput('buildPackage', 'runId', `the log path ${logFile} leaves ${logDir}`);
  const log = await BuildLog.open(logFile, deps.now, deps.logLimits);
  const startedAt = deps.now();
  const elapsed = (): number => deps.now() - startedAt;
  // Temporal's start-to-close timeout, enforced here too: the server would time the attempt out,
  // but only the worker can stop the processes it started.
  const timeoutMs = ctx?.info.startToCloseTimeoutMs;
  const deadline = timeoutMs !== undefined && timeoutMs > 0 ? startedAt + timeoutMs : undefined;
  const mode =
    plan.kind === 'real' ? `in ${plan.packageDir}` : `simulated, ${input.simulatedDurationMs ?? 0} ms`;
  const tryNumber = ctx?.info.attempt ?? 1;
  log.line(
    `=== ${input.packageName} · attempt ${input.attempt}${tryNumber > 1 ? ` (try ${tryNumber})` : ''} · run ${input.runId} · ${mode}`,
  );
  try {
    let output: string;
    let skipped = false;
    if (plan.kind === 'real') {
      const runs = plan.steps.filter((step) => step.kind === 'run');
      if (runs.length > 0) {
        const envOf = buildEnvironmentOf(deps, plan, input.packageName);
        for (const step of plan.steps) {
          if (step.kind === 'skip') {
            log.line(step.label);
            continue;
          }
          const env = envOf(step);
          await runStep(deps, input, step, plan.packageDir, env, log, heartbeat, signal, elapsed, deadline);
        }
        output = log.outputEnd();
      } else {
        for (const step of plan.steps) log.line(step.label);
        skipped = true;
        const why =
          plan.steps.length > 0 ? plan.steps.map((s) => s.label).join('; ') : 'no script was requested';
        output = `nothing to run for ${input.packageName}: ${why}`;
        log.line(`=== ${input.packageName} skipped: none of the requested scripts exists`);
      }
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
    if (!skipped) log.line(`=== ${input.packageName} built in ${formatMs(durationMs)}`);
    return { packageName: input.packageName, durationMs, logFile, output, ...(skipped ? { skipped } : {}) };
  } catch (error) {
    if (signal?.aborted) log.line(`=== cancelled after ${formatMs(elapsed())} (${describeReason(signal)})`);
    throw error;
  } finally {
    await log.close();
  }
}

/**
 * The environment of each step of a real build: the worker's, or the one of the command that opened
 * the workspace on a build daemon (without the app's secrets), the
 * workspace's variables from Settings, npm's script variables, node_modules/.bin on PATH. Refuses,
 * before anything runs, a workspace whose secret variables main could not read.
 */
function buildEnvironmentOf(
  deps: BuildPackageDeps,
  plan: Extract<BuildPlan, { kind: 'real' }>,
  packageName: string,
): (step: Extract<BuildStep, { kind: 'run' }>) => Record<string, string> {
  const platform = deps.platform ?? process.platform;
  const policy = deps.policy();
  const workspace = policy.environments?.[plan.rootDir];
  const unavailable = Object.entries(workspace?.unavailable ?? {});
  if (unavailable.length > 0) {
    throw ApplicationFailure.create({
      message:
        `${packageName}: the workspace ${plan.rootDir} has secret variables the app cannot read: ` +
        `${unavailable.map(([name, why]) => `${name} (${why})`).join('; ')}. Set them again in Settings → Workspaces`,
      type: BUILD_ENVIRONMENT_ERROR,
      nonRetryable: true,
    });
  }
  const base = filterWorkerEnvironment(workspace?.base ?? deps.env, {
    secretVariables: policy.secretVariables,
    platform,
  });
  const variables = workspace?.variables ?? {};
  return (step) => {
    const npm = step.lifecycle
      ? npmScriptVariables({
          packageName: plan.manifest.name,
          packageVersion: plan.manifest.version,
          packageConfig: plan.manifest.config,
          packageJson: plan.manifest.file,
          event: step.lifecycle.event,
          script: step.lifecycle.script,
          initCwd: plan.rootDir,
          nodeExecPath: deps.nodeExecPath,
          userAgent: deps.userAgent,
        })
      : {};
    const layered = layerEnvironment([base, variables, npm], platform);
    return scriptEnv(layered, plan.packageDir, plan.rootDir, platform) as Record<string, string>;
  };
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
  // Each step sleeps until its mark on the build's own clock, not for a fixed interval: a timer
  // fires a little late, and summed over the steps that lateness made a 6 s build ~6 ms longer
  // than asked (measured: 3.6 ms a build on the 50-package benchmark), time no real build takes.
  for (let slept = 0; slept < total;) {
    const mark = Math.min(slept + deps.heartbeatIntervalMs, total);
    await deps.sleep(Math.max(0, mark - elapsed()), signal);
    slept = mark;
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
  env: Record<string, string>,
  log: BuildLog,
  heartbeat: (details: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
  elapsed: () => number,
  deadline: number | undefined,
): Promise<void> {
  const { program, args } = step;
  const platform = deps.platform ?? process.platform;
  if (signal?.aborted) throw abortReason(signal);
  log.line(`$ ${step.label}   (in ${cwd})`);
  // Its own process group on POSIX, so stopping it reaches what the script's shell started too.
  const child = await deps.spawn(program, args, {
    cwd,
    env,
    shell: false,
    detached: ownProcessGroup(platform),
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    windowsVerbatimArguments: step.windowsVerbatimArguments,
  });
  child.stdout?.on('data', (data: Buffer) => log.chunk('stdout', data));
  child.stderr?.on('data', (data: Buffer) => log.chunk('stderr', data));

  heartbeat({ packageName: input.packageName, elapsedMs: 0 });
  const ticker = setInterval(
    () => heartbeat({ packageName: input.packageName, elapsedMs: elapsed() }),
    deps.heartbeatIntervalMs,
  );
  let killTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let stoppedBecause: 'cancelled' | 'timed out' | undefined;
  const stopTree = (why: 'cancelled' | 'timed out', detail: string): void => {
    if (stoppedBecause !== undefined || child.pid === undefined) return;
    stoppedBecause = why;
    log.line(
      `${detail}: stopping pid ${child.pid} and its process tree (${describeKill(child.pid, 'SIGTERM', platform)})`,
    );
    killProcessTree(deps, child, 'SIGTERM', platform);
    if (hasGracePeriod(platform))
      killTimer = setTimeout(() => killProcessTree(deps, child, 'SIGKILL', platform), deps.killGraceMs);
  };
  // NOT_FOUND / TIMED_OUT: the server no longer runs this attempt — its own start-to-close (or
  // heartbeat) timeout fired first, e.g. when eager dispatch started the server's clock before
  // this code ran. The log says so rather than "cancellation requested", which nobody did.
  const onAbort = (): void => {
    const reason = describeReason(signal!);
    stopTree(
      'cancelled',
      /^(NOT_FOUND|TIMED_OUT)$/.test(reason)
        ? `the server ended this attempt (${reason}: timed out)`
        : 'cancellation requested',
    );
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutTimer =
    deadline === undefined
      ? undefined
      : setTimeout(
          () => stopTree('timed out', `start-to-close timeout reached after ${formatMs(elapsed())}`),
          Math.max(0, deadline - deps.now()),
        );
  try {
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolveExit, reject) => {
        child.once('error', reject);
        // 'close' (not 'exit'): the output pipes are drained by then, so the log is complete.
        child.once('close', (code, exitSignal) => resolveExit({ code, signal: exitSignal }));
        // Unless something the script left running (`server &`, a process that left the group)
        // still holds the pipes: then the build is over when its process is, after a short drain.
        child.once('exit', (code, exitSignal) => {
          drainTimer = setTimeout(() => {
            log.line(
              `the script exited but a process it started still holds its output open; not waiting for it (pid ${child.pid ?? '?'})`,
            );
            child.stdout?.destroy();
            child.stderr?.destroy();
            resolveExit({ code, signal: exitSignal });
          }, PIPE_DRAIN_MS);
        });
      },
    ).catch((error: NodeJS.ErrnoException) => {
      log.line(`cannot run ${program}: ${error.message}`);
      throw ApplicationFailure.create({
        message: `${input.packageName}: cannot run ${JSON.stringify(program)}: ${error.message}${error.code === 'ENOENT' ? ' (not found on PATH)' : ''}`,
        type: PACKAGE_BUILD_COMMAND_ERROR,
        // A lost launcher is the worker's trouble, not the build's: another attempt may do.
        nonRetryable: error.code !== LAUNCHER_LOST,
      });
    });
    log.flush();
    if (signal?.aborted) throw abortReason(signal);
    if (stoppedBecause === 'timed out') {
      const message = `${input.packageName}: ${stepName(step)} did not finish within the start-to-close timeout (${formatMs(elapsed())}); its process tree was stopped`;
      log.line(`FAILED: ${message}`);
      throw ApplicationFailure.create({
        message,
        type: PACKAGE_BUILD_TIMED_OUT,
        details: [{ packageName: input.packageName }],
      });
    }
    if (outcome.code === 0) return;
    const how =
      outcome.code !== null
        ? `exited with code ${outcome.code}`
        : `was killed by ${outcome.signal ?? 'a signal'}`;
    log.line(`FAILED: ${program} ${how}`);
    const tail = log.tail();
    throw ApplicationFailure.create({
      message: `${input.packageName}: ${stepName(step)} ${how}${tail ? `; last output:\n${tail}` : ' (no output)'}`,
      type: PACKAGE_BUILD_FAILED,
      details: [{ packageName: input.packageName, exitCode: outcome.code, signal: outcome.signal }],
    });
  } finally {
    clearInterval(ticker);
    if (killTimer) clearTimeout(killTimer);
    if (drainTimer) clearTimeout(drainTimer);
    if (timeoutTimer) clearTimeout(timeoutTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `script build` or `command clean`. */
function stepName(step: Extract<BuildStep, { kind: 'run' }>): string {
  return step.label.split(':')[0] ?? 'build';
}

/** What the log says the kill does: `SIGTERM to process group 123` or `taskkill /pid 123 /T /F`. */
function describeKill(pid: number, signal: 'SIGTERM' | 'SIGKILL', platform: NodeJS.Platform): string {
  const how = treeKill(pid, signal, platform);
  return how.kind === 'command'
    ? [how.program, ...how.args].join(' ')
    : `${signal} to process group ${-how.pid}`;
}

/** Stops the tree of `child` (see process-tree.ts); a tree already gone is fine. */
function killProcessTree(
  deps: BuildPackageDeps,
  child: BuildProcess,
  signal: 'SIGTERM' | 'SIGKILL',
  platform: NodeJS.Platform,
): void {
  if (child.pid === undefined) return;
  const how = treeKill(child.pid, signal, platform);
  try {
    if (how.kind === 'group-signal') process.kill(how.pid, how.signal);
    else
      void Promise.resolve(deps.spawn(how.program, how.args, { stdio: 'ignore', windowsHide: true })).then(
        (killer) => killer.on('error', () => undefined),
        () => undefined,
      );
  } catch {
    // ESRCH: the group is gone already. Signal the child itself in case it left its group.
    try {
      child.kill(signal);
    } catch {
      // gone too
    }
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
