// Tier: quick (integration, shared dev server, < 60 s). The buildPackage activity in a real
// Temporal worker on the builds-* fixtures: a cancelled workflow, a start-to-close timeout and a
// heartbeat timeout (a worker whose heartbeats come too seldom) each stop the build's whole
// process tree (the fixture's grandchild `sleep` is gone afterwards, Linux), and the last 64 KiB
// of a build's output arrive in the workflow's result.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, CancelledFailure, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildPackageInput, BuildPackageResult } from '../../../src/core/activities';
import type { WorkerPolicy } from '../../../src/core/settings/worker-policy';
import { createActivities } from '../../../src/main/activities';
import { sharedClient, sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { waitFor } from '../../support/wait-until';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/workspaces');
const fixture = (name: string): string => fs.realpathSync(path.join(FIXTURES, name));
const grandchildRoot = fixture('builds-grandchild');
const megabytesRoot = fixture('builds-megabytes');

/** True once `pid` has exited (a zombie waiting for its reaper counts as exited). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe.runIf(process.platform === 'linux')('buildPackage in a real worker', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-real-build-'));
  const taskQueue = uniqueTaskQueue('real-build');
  // A second worker whose builds heartbeat every 4 s, past the 1 s heartbeat timeout given.
  const slowQueue = uniqueTaskQueue('real-build-slow-heartbeats');
  let pidFile = path.join(scratch, 'none.pid');
  const policy = (): WorkerPolicy => ({
    workspaces: [grandchildRoot, megabytesRoot],
    commands: [],
    environments: {
      [grandchildRoot]: { variables: { GRANDCHILD_PID_FILE: pidFile } },
      [megabytesRoot]: { variables: { CHATTY_MEGABYTES: '2' } },
    },
  });
  let workers: Worker[] = [];
  let running: Promise<unknown>;
  let client: Awaited<ReturnType<typeof sharedClient>>;

  beforeAll(async () => {
    const connection = await NativeConnection.connect({ address: sharedTemporal().address });
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: path.join(import.meta.dirname, 'fixtures', 'real-build', 'workflows.ts'),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    const workerOn = (queue: string, heartbeatIntervalMs: number) =>
      Worker.create({
        connection,
        namespace: sharedTemporal().namespace,
        taskQueue: queue,
        workflowBundle,
        activities: createActivities({
          logDir: path.join(scratch, 'logs'),
          policy,
          heartbeatIntervalMs,
          killGraceMs: 2000,
        }),
        // A cancellation reaches a running activity with its next heartbeat: do not hold them back.
        maxHeartbeatThrottleInterval: '200 ms',
      });
    workers = [await workerOn(taskQueue, 200), await workerOn(slowQueue, 4000)];
    running = Promise.all(workers.map((w) => w.run()));
    client = await sharedClient();
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.shutdown();
    await running?.catch(() => undefined);
    await client?.connection.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  function start(
    id: string,
    input: BuildPackageInput,
    { startToCloseTimeoutMs = 60_000, heartbeatTimeoutMs = 5_000, queue = taskQueue } = {},
  ) {
    return client.client.workflow.start('buildOne', {
      taskQueue: queue,
      workflowId: `${id}-${queue}`,
      args: [input, { startToCloseTimeoutMs, heartbeatTimeoutMs }],
    });
  }

  async function grandchildOf(file: string): Promise<number> {
    await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() !== '', 20_000);
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    expect(processGone(pid)).toBe(false);
    return pid;
  }

  it('cancelling the workflow kills the build and its grandchild', async () => {
    pidFile = path.join(scratch, 'cancel.pid');
    const handle = await start('cancel', {
      runId: 'cancel',
      packageName: 'spawner',
      attempt: 1,
      workspaceRoot: grandchildRoot,
    });
    const grandchild = await grandchildOf(pidFile);
    const cancelledAt = Date.now();
    await handle.cancel();
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    await waitFor(() => processGone(grandchild), 5_000);
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    const log = fs.readFileSync(path.join(scratch, 'logs', 'cancel', 'spawner.attempt-1.log'), 'utf8');
    expect(log).toMatch(/cancellation requested: stopping pid \d+ and its process tree/);
  }, 45_000);

  it('a build past its start-to-close timeout is stopped with its grandchild; the workflow sees the timeout', async () => {
    pidFile = path.join(scratch, 'timeout.pid');
    const handle = await start(
      'timeout',
      { runId: 'timeout', packageName: 'spawner', attempt: 1, workspaceRoot: grandchildRoot },
      { startToCloseTimeoutMs: 3_000 },
    );
    const grandchild = await grandchildOf(pidFile);
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (error as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure as ActivityFailure).cause).toBeInstanceOf(TimeoutFailure);
    await waitFor(() => processGone(grandchild), 5_000);
    const log = fs.readFileSync(path.join(scratch, 'logs', 'timeout', 'spawner.attempt-1.log'), 'utf8');
    // Whichever clock fires first: the worker's own deadline, or the server's (eager dispatch starts
    // it a little before the activity code runs), which the worker learns as NOT_FOUND / TIMED_OUT.
    expect(log).toMatch(
      /(start-to-close timeout reached after .*|the server ended this attempt \((NOT_FOUND|TIMED_OUT): timed out\)): stopping pid \d+ and its process tree/,
    );
  }, 45_000);

  it('a heartbeat timeout stops the build and its grandchild', async () => {
    pidFile = path.join(scratch, 'heartbeat.pid');
    const handle = await start(
      'heartbeat',
      { runId: 'heartbeat', packageName: 'spawner', attempt: 1, workspaceRoot: grandchildRoot },
      { heartbeatTimeoutMs: 1_000, queue: slowQueue },
    );
    const grandchild = await grandchildOf(pidFile);
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const timeout = ((error as WorkflowFailedError).cause as ActivityFailure).cause;
    expect(timeout).toBeInstanceOf(TimeoutFailure);
    expect((timeout as TimeoutFailure).timeoutType).toBe(TimeoutType.HEARTBEAT);
    // The worker learns of it with its next heartbeat (every 4 s here), then stops the tree.
    await waitFor(() => processGone(grandchild), 10_000);
    const log = fs.readFileSync(path.join(scratch, 'logs', 'heartbeat', 'spawner.attempt-1.log'), 'utf8');
    expect(log).toMatch(
      /the server ended this attempt \((NOT_FOUND|TIMED_OUT): timed out\): stopping pid \d+ and its process tree/,
    );
  }, 45_000);

  it('the last 64 KiB of the output arrive in the result', async () => {
    const handle = await start('tail', {
      runId: 'tail',
      packageName: 'chatty',
      attempt: 1,
      workspaceRoot: megabytesRoot,
    });
    const result = (await handle.result()) as BuildPackageResult;
    const bytes = Buffer.byteLength(result.output ?? '');
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(bytes).toBeGreaterThan(60 * 1024);
    expect(result.output).toMatch(/^line \d{8} x+\n/);
    expect(result.output?.endsWith('\nchatty: done')).toBe(true);
    expect(result.logFile).toBe(path.join(scratch, 'logs', 'tail', 'chatty.attempt-1.log'));
  }, 45_000);
});
