// Tier: quick (unit). buildPackage driven directly (Temporal's MockActivityEnvironment, no server):
// simulated builds (duration, heartbeats, cancel, failure injection), one log per attempt, and real
// builds on small generated workspaces (scripts through the shell in order, failures with the end of
// the output, allowed commands without a shell, cancel, a script leaving a process behind).
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { rejection, tempDir, writeTree } from './helpers';
import { waitFor } from '../../support/wait-until';

const ISO_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (build |stdout|stderr) /;

/** A mock activity environment whose `run` keeps the activity's types, and the heartbeats it saw. */
function environment(info: Record<string, unknown> = {}): {
  env: {
    run<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R>;
    cancel(): void;
  };
  heartbeats: unknown[];
} {
  // The mock's default start-to-close timeout is 1 s, which the activity now enforces.
  const mock = new MockActivityEnvironment({ startToCloseTimeoutMs: 60_000, ...info });
  const heartbeats: unknown[] = [];
  mock.on('heartbeat', (details: unknown) => heartbeats.push(details));
  return {
    env: {
      run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) =>
        mock.run(fn, ...args) as Promise<R>,
      cancel: () => mock.cancel(),
    },
    heartbeats,
  };
}

function readLog(file: string): string[] {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n');
}

describe('buildPackage: simulated', () => {
  it('takes simulatedDurationMs, heartbeats and writes a timestamped log under <logDir>/<runId>/', async () => {
    const logDir = tempDir();
    const { env, heartbeats } = environment();
    const activities = createActivities({ logDir, heartbeatIntervalMs: 50 });
    const started = Date.now();
    const result = await env.run(activities.buildPackage, {
      runId: 'run-1',
      packageName: '@acme/core',
      attempt: 1,
      simulatedDurationMs: 300,
    });
    const wall = Date.now() - started;

    expect(result.packageName).toBe('@acme/core');
    // A 300 ms build takes about 300 ms: slack for timers on a loaded 2-core machine (the whole
    // suite shares it), still far from a build that slept twice.
    expect(result.durationMs).toBeGreaterThanOrEqual(295);
    expect(result.durationMs).toBeLessThan(550);
    expect(wall).toBeLessThan(900);
    expect(heartbeats.length).toBeGreaterThanOrEqual(6); // one at start + one per 50 ms step
    expect(result.logFile).toBe(path.join(logDir, 'run-1', '@acme__core.attempt-1.log'));
    const lines = readLog(result.logFile as string);
    for (const line of lines) expect(line).toMatch(ISO_LINE);
    expect(lines[0]).toContain('@acme/core · attempt 1 · run run-1 · simulated, 300 ms');
    expect(lines.some((l) => l.includes('progress 100%'))).toBe(true);
    expect(lines.at(-1)).toMatch(/@acme\/core built in \d+ ms$/);
  });

  it('sleeps each step until its mark, so late timers do not add up over a simulated build', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const { env } = environment();
    const activities = createActivities({
      logDir: tempDir(),
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms + 3; // every timer fires 3 ms late
      },
    });
    const result = await env.run(activities.buildPackage, {
      runId: 'r',
      packageName: 'pkg',
      attempt: 1,
      simulatedDurationMs: 2500,
    });
    // Without the marks: 1000 + 1000 + 500 slept, 2509 ms in all.
    expect(sleeps).toEqual([1000, 997, 497]);
    expect(result.durationMs).toBe(2503);
  });

  it('measures with the injected clock and sleeps in heartbeat-sized steps', async () => {
    let t = Date.parse('2025-01-01T00:00:00.000Z');
    const sleeps: number[] = [];
    const { env, heartbeats } = environment();
    const activities = createActivities({
      logDir: tempDir(),
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    });
    const result = await env.run(activities.buildPackage, {
      runId: 'r',
      packageName: 'pkg',
      attempt: 2,
      simulatedDurationMs: 2500,
    });
    expect(result.durationMs).toBe(2500);
    expect(sleeps).toEqual([1000, 1000, 500]);
    expect(heartbeats).toEqual([
      { packageName: 'pkg', elapsedMs: 0 },
      { packageName: 'pkg', elapsedMs: 1000 },
      { packageName: 'pkg', elapsedMs: 2000 },
      { packageName: 'pkg', elapsedMs: 2500 },
    ]);
    expect(readLog(result.logFile as string)[0]).toBe(
      '2025-01-01T00:00:00.000Z build  === pkg · attempt 2 · run r · simulated, 2500 ms',
    );
  });

  it('writes one log per attempt; a retry of the same attempt appends under a header of its own', async () => {
    const logDir = tempDir();
    const activities = createActivities({ logDir });
    const input = { runId: 'run', packageName: 'p', simulatedDurationMs: 0 };
    const first = await activities.buildPackage({ ...input, attempt: 1 }); // no activity context
    const second = await activities.buildPackage({ ...input, attempt: 2 });
    expect(first.logFile).toBe(path.join(logDir, 'run', 'p.attempt-1.log'));
    expect(second.logFile).toBe(path.join(logDir, 'run', 'p.attempt-2.log'));
    // Temporal retrying attempt 2 (its try 2): the same file, a header saying which try.
    await environment({ attempt: 2 }).env.run(activities.buildPackage, { ...input, attempt: 2 });
    const headers = (file: string | undefined) =>
      readLog(file as string)
        .filter((l) => l.includes('=== p · attempt'))
        .map((l) => l.replace(ISO_LINE, ''));
    expect(headers(first.logFile)).toEqual(['=== p · attempt 1 · run run · simulated, 0 ms']);
    expect(headers(second.logFile)).toEqual([
      '=== p · attempt 2 · run run · simulated, 0 ms',
      '=== p · attempt 2 (try 2) · run run · simulated, 0 ms',
    ]);
  });

  it('stops promptly when cancelled, with a CancelledFailure and a log line', async () => {
    const logDir = tempDir();
    const { env } = environment();
    const activities = createActivities({ logDir });
    const running = env.run(activities.buildPackage, {
      runId: 'run-c',
      packageName: 'slow',
      attempt: 1,
      simulatedDurationMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cancelledAt = Date.now();
    env.cancel();
    const error = await rejection(running);
    expect(Date.now() - cancelledAt).toBeLessThan(500);
    expect(error).toBeInstanceOf(CancelledFailure);
    const lines = readLog(path.join(logDir, 'run-c', 'slow.attempt-1.log'));
    expect(lines.at(-1)).toMatch(/=== cancelled after \d+ ms \(CANCELLED\)/);
  });

  it('fails with failWith as a non-retryable PackageBuildFailed, after the simulated time', async () => {
    const logDir = tempDir();
    const { env } = environment();
    const activities = createActivities({ logDir, heartbeatIntervalMs: 20 });
    const started = Date.now();
    const error = await rejection(
      env.run(activities.buildPackage, {
        runId: 'run-f',
        packageName: 'broken',
        attempt: 1,
        simulatedDurationMs: 60,
        failWith: 'type error in src/index.ts',
      }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      message: 'type error in src/index.ts',
      type: 'PackageBuildFailed',
      nonRetryable: true,
    });
    expect(readLog(path.join(logDir, 'run-f', 'broken.attempt-1.log')).at(-1)).toContain(
      'FAILED: type error in src/index.ts',
    );
  });

  it('applies failWith to the first attempt only: a retry of the package passes (the demo can be retried)', async () => {
    const logDir = tempDir();
    const { env } = environment();
    const activities = createActivities({ logDir, heartbeatIntervalMs: 20 });
    const result = await env.run(activities.buildPackage, {
      runId: 'run-g',
      packageName: 'broken',
      attempt: 2,
      simulatedDurationMs: 10,
      failWith: 'type error in src/index.ts',
    });
    expect(result).toMatchObject({ packageName: 'broken' });
    expect(readLog(path.join(logDir, 'run-g', 'broken.attempt-2.log')).join('\n')).toContain(
      'applies to attempt 1 only: attempt 2 passes',
    );
  });

  it('rejects invalid input non-retryably, naming the field', async () => {
    const activities = createActivities({ logDir: tempDir() });
    const error = await rejection(
      activities.buildPackage({ runId: 'r', packageName: 'p', attempt: 0, simulatedDurationMs: 1 }),
    );
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(error.message).toMatch(/^buildPackage: invalid input: attempt: /);
  });
});

/** A one-package npm workspace whose package has `scripts`; returns its root (a real path). */
function workspace(scripts: Record<string, string>, name = 'real'): string {
  const root = fs.realpathSync(tempDir('wb-ws-'));
  writeTree(root, {
    'package.json': { name: 'root', private: true, workspaces: ['packages/*'] },
    [`packages/${name}/package.json`]: { name, version: '1.0.0', scripts },
  });
  return root;
}

describe("buildPackage: real builds (the package's own scripts)", () => {
  const node = JSON.stringify(process.execPath);

  it('runs the scripts in order through the shell in the package folder, logging stdout and stderr', async () => {
    const logDir = tempDir();
    const root = workspace({
      build: `${node} -e "console.log('compiling ' + require('path').basename(process.cwd())); console.error('warning: unused import')"`,
      test: 'echo "tested $npm_x_unset" && echo PATH=$PATH',
    });
    const { env, heartbeats } = environment();
    const activities = createActivities({ logDir, policy: () => ({ workspaces: [root], commands: [] }) });
    const result = await env.run(activities.buildPackage, {
      runId: 'run-r',
      packageName: 'real',
      attempt: 1,
      workspaceRoot: root,
      scripts: ['build', 'lint', 'test'],
    });
    expect(result.output).toContain('compiling real\nwarning: unused import\ntested ');
    // The package's and the root's node_modules/.bin come first on PATH, as package managers do.
    expect(result.output).toContain(
      `PATH=${path.join(root, 'packages', 'real', 'node_modules', '.bin')}:${path.join(root, 'node_modules', '.bin')}:`,
    );
    expect(heartbeats.length).toBeGreaterThanOrEqual(1);
    const lines = readLog(result.logFile as string);
    for (const line of lines) expect(line).toMatch(ISO_LINE);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ stdout compiling real$/),
        expect.stringMatching(/ stderr warning: unused import$/),
        expect.stringMatching(/ build {2}script lint: real has no "lint" script: nothing to run$/),
      ]),
    );
  });

  it('a package without the script has nothing to run: it completes, skipped', async () => {
    const root = workspace({ test: 'exit 1' });
    const activities = createActivities({
      logDir: tempDir(),
      policy: () => ({ workspaces: [root], commands: [] }),
    });
    const result = await activities.buildPackage({
      runId: 'r',
      packageName: 'real',
      attempt: 1,
      workspaceRoot: root,
    });
    expect(result.skipped).toBe(true);
    expect(result.output).toBe(
      'nothing to run for real: script build: real has no "build" script: nothing to run',
    );
  });

  it('fails on a non-zero exit, naming the script, the code and the last output lines', async () => {
    const logDir = tempDir();
    const root = workspace({
      build: `${node} -e "for (let i = 1; i <= 30; i++) console.log('line ' + i); console.error('error TS2304'); process.exit(3)"`,
    });
    const { env } = environment();
    const activities = createActivities({ logDir, policy: () => ({ workspaces: [root], commands: [] }) });
    const error = await rejection(
      env.run(activities.buildPackage, {
        runId: 'run-x',
        packageName: 'real',
        attempt: 1,
        workspaceRoot: root,
      }),
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'PackageBuildFailed', nonRetryable: false });
    expect(error.message).toMatch(/^real: script build exited with code 3; last output:\n/);
    expect(error.message).toContain('line 30');
    expect(error.message).toContain('error TS2304');
    expect(error.message).not.toContain('line 5\n'); // only the tail
    expect(readLog(path.join(logDir, 'run-x', 'real.attempt-1.log')).at(-1)).toContain('FAILED: ');
  });

  it('runs an allowed command by name, without a shell; a program not found fails non-retryably', async () => {
    const root = workspace({});
    const commands = [
      { name: 'where', program: process.execPath, args: ['-e', 'console.log(process.cwd() + " $HOME")'] },
      { name: 'missing', program: 'wb-no-such-program-xyz', args: [] },
    ];
    const activities = createActivities({
      logDir: tempDir(),
      policy: () => ({ workspaces: [root], commands }),
    });
    const result = await activities.buildPackage({
      runId: 'r',
      packageName: 'real',
      attempt: 1,
      workspaceRoot: root,
      scripts: [],
      command: 'where',
    });
    // No shell: $HOME is not expanded.
    expect(result.output).toBe(`${path.join(root, 'packages', 'real')} $HOME`);

    const notFound = await rejection(
      activities.buildPackage({
        runId: 'r',
        packageName: 'real',
        attempt: 1,
        workspaceRoot: root,
        scripts: [],
        command: 'missing',
      }),
    );
    expect(notFound).toMatchObject({ type: 'PackageBuildCommandError', nonRetryable: true });
    expect(notFound.message).toMatch(/cannot run "wb-no-such-program-xyz".*ENOENT/);
  });

  it('kills the script and what its shell started when cancelled', async () => {
    const logDir = tempDir();
    const root = workspace({ build: `${node} -e "console.log('started'); setInterval(() => {}, 1000)"` });
    const { env } = environment();
    const activities = createActivities({ logDir, policy: () => ({ workspaces: [root], commands: [] }) });
    const running = env.run(activities.buildPackage, {
      runId: 'run-k',
      packageName: 'real',
      attempt: 1,
      workspaceRoot: root,
    });
    const logFile = path.join(logDir, 'run-k', 'real.attempt-1.log');
    await waitFor(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('started'));
    const cancelledAt = Date.now();
    env.cancel();
    const error = await rejection(running);
    expect(error).toBeInstanceOf(CancelledFailure);
    expect(Date.now() - cancelledAt).toBeLessThan(2000);
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(
      /cancellation requested: stopping pid \d+ and its process tree \(SIGTERM to process group \d+\)/,
    );
  });
});

describe('buildPackage: a script that leaves a process running', () => {
  it('is over when its process is: the build does not wait for a background process holding the output', async () => {
    const root = workspace({ build: 'sleep 4 & echo started' });
    const activities = createActivities({
      logDir: tempDir(),
      policy: () => ({ workspaces: [root], commands: [] }),
    });
    const started = Date.now();
    const result = await environment().env.run(activities.buildPackage, {
      runId: 'bg',
      packageName: 'real',
      attempt: 1,
      workspaceRoot: root,
    });
    expect(Date.now() - started).toBeLessThan(3500);
    expect(result.output).toBe('started');
    expect(fs.readFileSync(result.logFile as string, 'utf8')).toContain(
      'the script exited but a process it started still holds its output open; not waiting for it',
    );
  });
});
