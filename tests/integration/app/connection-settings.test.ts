import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSettingsView, IpcResult, ServerStatus } from '../../../src/core/ipc';
import { CONNECTION_SETTING, createAppServices, type AppServices } from '../../../src/main/app/app-services';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import { openStore } from '../../../src/main/store';
import { sharedTemporal } from '../../support/shared-temporal';

// Switches between the shared server and a dead address: external targets only, so no server
// of its own is started or killed here.
const dataDir = mkdtempSync(join(tmpdir(), 'wb-connection-settings-'));
const { address, namespace } = sharedTemporal();
let app: AppServices;

async function call<T>(channel: string, payload: unknown): Promise<IpcResult<T>> {
  return (await app.dispatch(channel, payload)) as IpcResult<T>;
}

async function waitForState(...states: ServerStatus['state'][]): Promise<ServerStatus> {
  await expect.poll(() => app.temporal.status().state, { timeout: 20_000, interval: 50 }).toSatisfy((s: string) => states.includes(s as ServerStatus['state']));
  return app.temporal.status();
}

beforeAll(async () => {
  app = createAppServices({
    dataDir,
    connection: { mode: 'external', address, namespace },
    secrets: createEnvFileSecretStore({}),
  });
  await app.start();
});

afterAll(async () => {
  await app?.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Settings → Temporal connection', () => {
  it('shows the connection in force and that browser mode cannot keep secrets', async () => {
    const reply = await call<ConnectionSettingsView>('settings.getConnection', {});
    expect(reply).toMatchObject({
      ok: true,
      value: { connection: { mode: 'external', address, namespace }, apiKeyStored: false, secretStorage: { canSave: false } },
    });
  });

  it('applies a new target at once: a dead address becomes "unavailable" with a message, and the choice is stored', async () => {
    const statuses: ServerStatus[] = [];
    const off = app.bus.subscribe((event, payload) => {
      if (event === 'server.status') statuses.push(payload as ServerStatus);
    });
    const dead = { mode: 'external' as const, address: '127.0.0.1:1', namespace: 'default' };
    const reply = await call<ConnectionSettingsView>('settings.saveConnection', { connection: dead });
    expect(reply.ok).toBe(true);
    const status = await waitForState('unavailable');
    expect(status.message).toContain('127.0.0.1:1');
    off();
    expect(statuses.length).toBeGreaterThan(0);
    const stored = openStore(join(dataDir, 'workflow-builder.db'));
    try {
      expect(stored.settings.get(CONNECTION_SETTING)).toEqual(dead);
    } finally {
      stored.close();
    }
  });

  it('refuses to keep an API key where it would not be encrypted, naming the field; nothing changes', async () => {
    const reply = await call('settings.saveConnection', {
      connection: { mode: 'external', address, namespace, apiKey: { stored: true } },
      apiKey: 'sk-should-not-be-stored',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'apiKey' } });
    expect(app.temporal.status().state).toBe('unavailable');
  });

  it('names an invalid field before applying anything', async () => {
    const reply = await call('settings.saveConnection', { connection: { mode: 'external', address: 'no-port', namespace } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'connection.address' } });
  });

  it('switches back to the shared server and the worker serves again', async () => {
    const reply = await call<ConnectionSettingsView>('settings.saveConnection', { connection: { mode: 'external', address, namespace } });
    expect(reply.ok).toBe(true);
    await waitForState('external');
    await expect.poll(() => app.workerHost.state, { timeout: 60_000, interval: 100 }).toBe('ready');
  });
});
