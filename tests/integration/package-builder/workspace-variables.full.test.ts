// Tier: full (integration, shared dev server). The per-workspace build variables travel the real
// path: saved through IPC (workspaces.saveVariables; the secret one into a saving secret store
// that stands in for the desktop app's OS-encrypted one), pushed to the app's real worker process
// with its policy, and seen by the package's build script — while the app's own secrets and WB_*
// variables from the worker's environment are not. A change is pushed again without a restart.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src/main/app/app-services';
import { SecretUnavailableError, type SecretStore } from '../../../src/main/dev-server';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { packageBuildDefinition } from './scenario';

const ROOT = realpathSync(resolve(import.meta.dirname, '../../fixtures/workspaces/builds-no-script'));

/** Saves in memory, as the desktop app's store saves encrypted on disk. */
function savingStore(): SecretStore {
  const saved = new Map<string, string>();
  return {
    description: 'a saving test store',
    canSave: () => ({ ok: true }),
    async read(ref) {
      if (ref.kind === 'stored' && saved.has(ref.key)) return saved.get(ref.key) as string;
      throw new SecretUnavailableError(`no secret ${JSON.stringify(ref)}`);
    },
    async save(key, value) {
      saved.set(key, value);
    },
    async delete(key) {
      saved.delete(key);
    },
  };
}

describe('workspace variables reach the build in the app worker', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wb-ws-vars-'));
  const dataDir = join(scratch, 'data');
  const taskQueue = uniqueTaskQueue('ws-vars');
  const leaked = process.env.TEMPORAL_API_KEY;
  let app: AppServices;
  let client: Client;
  let workflowType: string;

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const reply = await app.dispatch(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }

  /** Builds `partial` (its build prints the documented variables) and returns what it printed. */
  async function build(runId: string): Promise<Record<string, string>> {
    const handle = await client.workflow.start(workflowType, {
      taskQueue,
      workflowId: `${taskQueue}-${runId}`,
      args: [{ runId, packageName: 'partial', attempt: 1, workspaceRoot: ROOT }],
    });
    await handle.result();
    const log = readFileSync(join(dataDir, 'logs', runId, 'partial.attempt-1.log'), 'utf8');
    return Object.fromEntries(
      [...log.matchAll(/ stdout (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
  }

  beforeAll(async () => {
    // In the environment the worker process inherits: must not reach the build.
    process.env.TEMPORAL_API_KEY = 'the-apps-own-key';
    const { address, namespace } = sharedTemporal();
    app = createAppServices({
      dataDir,
      secrets: savingStore(),
      connection: { mode: 'external', address, namespace },
      defaultTaskQueue: taskQueue,
    });
    await app.start();
    await call('workspaces.open', { root: ROOT });
    const saved = app.store.definitions.save({ definition: packageBuildDefinition() as never });
    workflowType = (await app.registry!.ensure(app.store.definitions.get(saved.id)))!.workflowType;
    client = await app.clients.client();
  }, 120_000);

  afterAll(async () => {
    if (leaked === undefined) delete process.env.TEMPORAL_API_KEY;
    else process.env.TEMPORAL_API_KEY = leaked;
    await app?.shutdown();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('plain and secret variables are in the build, the app secrets are not; a change arrives without a restart', async () => {
    await call('workspaces.saveVariables', {
      root: ROOT,
      variables: [
        { name: 'WORKSPACE_GREETING', value: 'hello from Settings' },
        { name: 'WORKSPACE_TOKEN', secret: true, value: 'tok-1' },
      ],
    });
    const first = await build('vars-1');
    expect(first).toMatchObject({
      npm_package_name: 'partial',
      npm_lifecycle_event: 'build',
      WORKSPACE_GREETING: 'hello from Settings',
      WORKSPACE_TOKEN: 'tok-1',
      TEMPORAL_API_KEY: '<unset>',
      WB_DATA_DIR: '<unset>', // set for the worker process itself, never for a build
    });

    // The secret keeps its stored value when saved without one; the plain one changes.
    await call('workspaces.saveVariables', {
      root: ROOT,
      variables: [
        { name: 'WORKSPACE_GREETING', value: 'changed' },
        { name: 'WORKSPACE_TOKEN', secret: true },
      ],
    });
    expect(await build('vars-2')).toMatchObject({ WORKSPACE_GREETING: 'changed', WORKSPACE_TOKEN: 'tok-1' });
  }, 90_000);
});
