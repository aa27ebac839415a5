import { fileURLToPath } from 'node:url';
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerHost, type WorkerHostState } from '../../../src/main/worker-host/worker-host';
import { sharedClient, sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

const builtinWorkflows = fileURLToPath(new URL('../../../src/main/workflows/builtin-workflows.ts', import.meta.url));

describe('WorkerHost on the shared dev server', () => {
  const taskQueue = uniqueTaskQueue('worker-host');
  const states: WorkerHostState[] = [];
  let host: WorkerHost;
  let client: Client;
  let connection: Connection;

  beforeAll(async () => {
    ({ client, connection } = await sharedClient());
    const { address, namespace } = sharedTemporal();
    host = new WorkerHost({
      connection: () => ({ address, namespace }),
      workers: () => [{ taskQueue, workflowsPath: builtinWorkflows }],
      restartBackoffMs: 100,
      onState: (state) => states.push(state),
    });
    await host.start();
  });

  afterAll(async () => {
    await host?.stop();
    await connection?.close();
  });

  it('runs a workflow and its activity in the worker process, not in this one', async () => {
    const result = await client.workflow.execute('helloWorkflow', {
      taskQueue,
      workflowId: `${taskQueue}-hello`,
      args: ['tests'],
    });
    expect(result).toMatch(/^Hello, tests! \(worker pid (\d+),/);
    const pid = Number(/worker pid (\d+)/.exec(result)?.[1]);
    expect(pid).toBe(host.pid);
    expect(pid).not.toBe(process.pid);
  });

  it('restarts a crashed worker process and keeps serving the task queue', async () => {
    const crashedPid = host.pid;
    expect(crashedPid).toBeTypeOf('number');
    process.kill(crashedPid!, 'SIGKILL');
    await expect.poll(() => host.state === 'ready' && host.pid !== crashedPid, { timeout: 90_000, interval: 100 }).toBe(true);
    expect(states).toContain('crashed');
    const result = await client.workflow.execute('helloWorkflow', {
      taskQueue,
      workflowId: `${taskQueue}-after-crash`,
      args: ['again'],
    });
    expect(result).toContain(`worker pid ${host.pid}`);
  });
});
