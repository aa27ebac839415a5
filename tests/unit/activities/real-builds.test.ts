// Tier: quick (unit). Drives buildPackage directly, spawning in the worker and through its build launcher, against the real scripts of the builds-*
// workspace fixtures, as real processes (no Temporal server; the activity context is Temporal's
// MockActivityEnvironment): a script that fails, one that hangs past its start-to-close timeout,
// one that prints megabytes (the log is capped, its middle dropped; the result carries the last
// 64 KiB), one that spawns a grandchild (a cancel kills the whole tree, Linux), packages without
// the requested scripts (skipped, or run in part), and the environment a build gets (npm's
// variables, workspace variables in, the app's secrets out).
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../../src/main/activities';
import { BuildLauncher } from '../../../src/main/build-launcher/build-launcher';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { LogTailer } from '../../../src/main/log-tail/log-tailer';
import type { BuildPackageInput, BuildPackageResult } from '../../../src/core/activities';
import type { WorkerPolicy } from '../../../src/core/settings/worker-policy';
import { REPO_ROOT, rejection, tempDir } from './helpers';
import { waitFor } from '../../support/wait-until';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'workspaces');
const fixture = (name: string): string => fs.realpathSync(path.join(FIXTURES, name));

/** A mock activity context (its timeouts enforced by the activity) running buildPackage, typed. */
function mockEnvironment(startToCloseTimeoutMs = 60_000): {
  run(build: Activities['buildPackage'], input: BuildPackageInput): Promise<BuildPackageResult>;
  cancel(): void;
} {
  const mock = new MockActivityEnvironment({ startToCloseTimeoutMs, heartbeatTimeoutMs: 10_000 });
  return {
    run: (build, input) => mock.run(build, input) as Promise<BuildPackageResult>,
    cancel: () => mock.cancel(),
  };
}
type Activities = ReturnType<typeof createActivities>;

function createFor(
  root: string,
  extra: Partial<WorkerPolicy> = {},
  deps: ActivityDeps = {},
): ReturnType<typeof createActivities> {
  return createActivities({
    logDir: tempDir(),
    heartbeatIntervalMs: 100,
    killGraceMs: 1000,
    policy: () => ({ workspaces: [root], commands: [], ...extra }),
    ...deps,
  });
}

/** True once `pid` has exited (a zombie waiting for its reaper counts as exited). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

// Each case runs twice: spawned by the worker itself, and through the worker's build launcher
// process (build-launcher.ts), which is how the CLI's and browser mode's workers start builds.
const launcher = new BuildLauncher();
afterAll(() => launcher.stop());
const SPAWNERS: Array<{ how: string; spawn: ActivityDeps['spawn'] }> = [
  { how: 'spawned by the worker', spawn: undefined },
  { how: 'through the build launcher', spawn: launcher.spawn },
];

describe.each(SPAWNERS)('real builds on the builds-* fixtures, $how', ({ spawn }) => {
  const activitiesFor = (root: string, extra: Partial<WorkerPolicy> = {}, deps: ActivityDeps = {}) =>
    createFor(root, extra, { spawn, ...deps });

  it('a failing script fails retryably with its exit code and the end of its output', async () => {
    const root = fixture('builds-fails');
    const activities = activitiesFor(root);
    const error = await rejection(
      mockEnvironment().run(activities.buildPackage, {
        runId: 'fails',
        packageName: 'broken',
        attempt: 1,
        workspaceRoot: root,
      }),
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'PackageBuildFailed', nonRetryable: false });
    expect(error.message).toMatch(/^broken: script build exited with code 2; last output:\n/);
    expect(error.message).toContain('error TS2322');
    expect(error.message).toContain('compiling file 30');
  });

  it('a script that hangs past the start-to-close timeout is stopped, process and all', async () => {
    const root = fixture('builds-hangs');
    const logDir = tempDir();
    const activities = activitiesFor(root, {}, { logDir });
    const started = Date.now();
    const error = await rejection(
      mockEnvironment(1500).run(activities.buildPackage, {
        runId: 'hangs',
        packageName: 'stuck',
        attempt: 1,
        workspaceRoot: root,
      }),
    );
    const took = Date.now() - started;
    expect(error).toMatchObject({ type: 'PackageBuildTimedOut', nonRetryable: false });
    expect(error.message).toMatch(/^stuck: script build did not finish within the start-to-close timeout/);
    // Stopped at the timeout (SIGTERM ends node at once), not after the grace period or later.
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(1500 + 1000);
    const log = fs.readFileSync(path.join(logDir, 'hangs', 'stuck.attempt-1.log'), 'utf8');
    const pid = Number(
      /start-to-close timeout reached after .*: stopping pid (\d+) and its process tree/.exec(log)?.[1],
    );
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid)).toBe(true);
    expect(log).toContain('stdout waiting for a lock that never frees');
  });

  it('a script printing megabytes: the log stays under its cap, keeps its beginning and end, says what it left out; the result carries the last 64 KiB', async () => {
    const root = fixture('builds-megabytes');
    const cap = 512 * 1024;
    const activities = activitiesFor(
      root,
      { environments: { [root]: { variables: { CHATTY_MEGABYTES: '4' } } } },
      { logCapBytes: cap },
    );
    const result = await mockEnvironment().run(activities.buildPackage, {
      runId: 'loud',
      packageName: 'chatty',
      attempt: 1,
      workspaceRoot: root,
    });
    const text = fs.readFileSync(result.logFile as string, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(cap);
    const lines = text.trimEnd().split('\n');
    expect(lines.some((l) => / stdout line 00000001 x+$/.test(l))).toBe(true);
    expect(lines.at(-2)).toMatch(/ stdout chatty: done$/);
    expect(lines.at(-1)).toMatch(/=== chatty built in /);
    // One marker, right after the head, counting exactly the 132-byte log lines it replaced (32 bytes
    // of time and stream, a 100-byte output line).
    const markers = lines.filter((l) => l.includes('bytes omitted'));
    expect(markers).toHaveLength(1);
    const at = lines.findIndex((l) => l.includes('bytes omitted'));
    const numberOf = (line: string | undefined): number => Number(/ line (\d{8}) /.exec(line ?? '')?.[1]);
    const lastHead = numberOf(lines[at - 1]);
    const firstTail = numberOf(lines[at + 1]);
    const omitted = Number(/… (\d+) bytes omitted/.exec(markers[0] ?? '')?.[1]);
    expect(omitted).toBe((firstTail - lastHead - 1) * 132);
    // Nothing in between is lost: 4 MiB of 100-byte lines.
    expect(firstTail).toBeGreaterThan(lastHead);
    expect(Math.ceil((4 * 1024 * 1024) / 100)).toBeGreaterThan(firstTail);
    // The result: whole lines, at most 64 KiB, ending with the build's last line.
    expect(Buffer.byteLength(result.output as string)).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(result.output as string)).toBeGreaterThan(60 * 1024);
    expect(result.output).toMatch(/^line \d{8} x+\n/);
    expect(result.output?.endsWith('\nchatty: done')).toBe(true);
  });

  it("the dashboard's live tail of that log sees every line once, in order, across the dropped middles", async () => {
    const root = fixture('builds-megabytes');
    const logDir = tempDir();
    const bus = new EventBus();
    let streamed = '';
    bus.subscribe((event, payload) => {
      if (event === 'logs.chunk') streamed += (payload as { text: string }).text;
    });
    const tailer = new LogTailer({ logsDir: logDir, bus, intervalMs: 20 });
    try {
      await tailer.follow('live', 'chatty', 1); // before the build starts: the file does not exist yet
      const activities = activitiesFor(
        root,
        { environments: { [root]: { variables: { CHATTY_MEGABYTES: '3' } } } },
        { logDir, logCapBytes: 256 * 1024 },
      );
      await mockEnvironment().run(activities.buildPackage, {
        runId: 'live',
        packageName: 'chatty',
        attempt: 1,
        workspaceRoot: root,
      });
      await waitFor(() => streamed.includes('=== chatty built in '));
    } finally {
      tailer.close();
    }
    const numbers = [...streamed.matchAll(/ stdout line (\d{8}) /g)].map((m) => Number(m[1]));
    expect(numbers[0]).toBe(1);
    // Strictly increasing: nothing sent twice after a compaction (lines the viewer missed while
    // the log dropped them show as a gap, with the marker line saying how much).
    expect(numbers.every((n, i) => i === 0 || n > (numbers[i - 1] as number))).toBe(true);
    expect(streamed).toContain('stdout chatty: done');
  });

  it.runIf(process.platform === 'linux')(
    'a cancel kills the whole process tree, the grandchild `sleep` included',
    async () => {
      const root = fixture('builds-grandchild');
      const pidFile = path.join(tempDir(), 'grandchild.pid');
      const activities = activitiesFor(root, {
        environments: { [root]: { variables: { GRANDCHILD_PID_FILE: pidFile } } },
      });
      const env = mockEnvironment();
      const running = env.run(activities.buildPackage, {
        runId: 'tree',
        packageName: 'spawner',
        attempt: 1,
        workspaceRoot: root,
      });
      await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '');
      const grandchild = Number(fs.readFileSync(pidFile, 'utf8').trim());
      expect(processGone(grandchild)).toBe(false);
      env.cancel();
      const error = await rejection(running);
      expect(error).toBeInstanceOf(CancelledFailure);
      await waitFor(() => processGone(grandchild), 5000);
    },
  );

  it('a package with none of the requested scripts is skipped: nothing runs', async () => {
    const root = fixture('builds-no-script');
    const activities = activitiesFor(root);
    const result = await mockEnvironment().run(activities.buildPackage, {
      runId: 'skip',
      packageName: 'docs',
      attempt: 1,
      workspaceRoot: root,
      scripts: ['build', 'test'],
    });
    expect(result.skipped).toBe(true);
    expect(result.output).toBe(
      'nothing to run for docs: script build: docs has no "build" script: nothing to run; ' +
        'script test: docs has no "test" script: nothing to run',
    );
    const log = fs.readFileSync(result.logFile as string, 'utf8');
    expect(log).toContain('=== docs skipped: none of the requested scripts exists');
    expect(log).not.toContain('$ ');
  });

  it("a package with some of the scripts runs those, logs the missing ones, and gets npm's variables, the workspace's, and none of the app's secrets", async () => {
    const root = fixture('builds-no-script');
    const activities = activitiesFor(
      root,
      {
        environments: {
          [root]: { variables: { WORKSPACE_GREETING: 'hello from Settings', WORKSPACE_TOKEN: 's3cret' } },
        },
        secretVariables: ['MY_CLUSTER_KEY'],
      },
      {
        env: {
          PATH: process.env.PATH,
          HOME: '/home/builder',
          TEMPORAL_API_KEY: 'app-key',
          MY_CLUSTER_KEY: 'app-key-2',
          WB_DATA_DIR: '/data',
          npm_package_name: 'workflow-builder',
        },
      },
    );
    const result = await mockEnvironment().run(activities.buildPackage, {
      runId: 'partial',
      packageName: 'partial',
      attempt: 1,
      workspaceRoot: root,
      scripts: ['build', 'test'],
    });
    expect(result.skipped).toBeUndefined();
    const packageDir = path.join(root, 'packages', 'partial');
    const vars = Object.fromEntries(
      (result.output as string).split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(vars).toEqual({
      npm_package_name: 'partial',
      npm_package_version: '3.1.4',
      npm_package_json: path.join(packageDir, 'package.json'),
      npm_lifecycle_event: 'build',
      npm_lifecycle_script: 'node print-env.js',
      npm_node_execpath: process.execPath,
      npm_config_user_agent: `workflow-builder node/${process.version} ${process.platform} ${process.arch}`,
      npm_package_config_port: '8080',
      INIT_CWD: root,
      WORKSPACE_GREETING: 'hello from Settings',
      WORKSPACE_TOKEN: 's3cret',
      TEMPORAL_API_KEY: '<unset>',
      WB_DATA_DIR: '<unset>',
    });
    const log = fs.readFileSync(result.logFile as string, 'utf8');
    expect(log).toContain('script test: partial has no "test" script: nothing to run');
    expect(log).not.toContain('app-key');
  });

  it('a workspace whose secret variables main could not read fails before anything runs, naming them', async () => {
    const root = fixture('builds-no-script');
    const activities = activitiesFor(root, {
      environments: {
        [root]: { variables: {}, unavailable: { NPM_TOKEN: 'the OS-encrypted store is not available here' } },
      },
    });
    const error = await rejection(
      mockEnvironment().run(activities.buildPackage, {
        runId: 'env',
        packageName: 'partial',
        attempt: 1,
        workspaceRoot: root,
      }),
    );
    expect(error).toMatchObject({ type: 'BuildEnvironmentError', nonRetryable: true });
    expect(error.message).toContain('NPM_TOKEN (the OS-encrypted store is not available here)');
  });
});
