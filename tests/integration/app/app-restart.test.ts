import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DefinitionSummary, RunRecord, ServerStatus } from '../../../src/core/ipc';
import { BUILTIN_TASK_QUEUE } from '../../../src/core/task-queues';
import { createAppServices, type AppServices } from '../../../src/main/app/app-services';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';

// Restarts its own embedded dev server, so it runs on a private data folder, not the shared server.
const dataDir = mkdtempSync(join(tmpdir(), 'wb-app-restart-'));
let services: AppServices | undefined;

function open(): AppServices {
  services = createAppServices({ dataDir, secrets: createEnvFileSecretStore() });
  return services;
}

async function call<T>(app: AppServices, channel: string, payload: unknown): Promise<T> {
  const reply = await app.dispatch(channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

afterAll(async () => {
  await services?.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the app across a restart on the same data folder', () => {
  let workflowId: string;
  let saved: DefinitionSummary;

  it('starts its embedded server and worker, stores a definition and a run', async () => {
    const app = open();
    await app.start();
    const status = await call<ServerStatus>(app, 'server.status', {});
    expect(status).toMatchObject({ state: 'ready', mode: 'embedded' });
    expect(app.workerHost.state).toBe('ready');

    saved = await call<DefinitionSummary>(app, 'definitions.save', {
      definition: {
        schemaVersion: 1,
        name: 'Survives restarts',
        nodes: [
          { id: 'start', kind: 'start', data: {} },
          { id: 'end', kind: 'end', data: {} },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'end' }],
        settings: {},
      },
    });

    const client = await app.clients.client();
    workflowId = `restart-${Date.now()}`;
    const handle = await client.workflow.start('helloWorkflow', { taskQueue: BUILTIN_TASK_QUEUE, workflowId, args: ['restart'] });
    app.store.runs.upsert({
      workflowId,
      runId: handle.firstExecutionRunId,
      definitionId: null,
      definitionVersion: null,
      workflowType: 'helloWorkflow',
      taskQueue: BUILTIN_TASK_QUEUE,
      status: 'running',
      startedAt: new Date().toISOString(),
      closedAt: null,
    });
    await expect(handle.result()).resolves.toContain('Hello, restart!');
    await app.shutdown();
    services = undefined;
  });

  it('after reopening: the definition and the run are listed, and the run reconciles with the server', async () => {
    const app = open();
    await app.start();
    expect(await call<DefinitionSummary[]>(app, 'definitions.list', {})).toEqual([saved]);
    const runs = await call<RunRecord[]>(app, 'runs.list', {});
    expect(runs.map((r) => r.workflowId)).toEqual([workflowId]);
    // The stored record still says running; runs.get asks the restarted server, which kept the history.
    const run = await call<RunRecord>(app, 'runs.get', { workflowId });
    expect(run.status).toBe('completed');
    expect(run.closedAt).not.toBeNull();
  });
});
