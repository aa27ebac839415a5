import { describe, expect, it } from 'vitest';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import type { Channel } from '../../../src/core/ipc/channels';
import type { ConnectionSettingsView } from '../../../src/core/ipc/contract';
import { fail, ok, type IpcResult } from '../../../src/core/ipc/result';
import { createSettingsStore } from '../../../src/renderer/src/stores/settings-store';

/** A fake API whose replies the test releases by hand. */
function fakeApi() {
  const calls: { channel: Channel; request: unknown; resolve: (r: IpcResult<unknown>) => void }[] = [];
  const api = {
    invoke: (channel: Channel, request: unknown) =>
      new Promise((resolve) => calls.push({ channel, request, resolve })),
    on: () => () => undefined,
  } as unknown as WorkflowBuilderApi;
  const take = (channel: Channel) => {
    const index = calls.findIndex((c) => c.channel === channel);
    if (index < 0) throw new Error(`no pending call on ${channel}`);
    return calls.splice(index, 1)[0]!;
  };
  return { api, calls, take };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const externalView: ConnectionSettingsView = {
  connection: { mode: 'external', address: '127.0.0.1:7233', namespace: 'default' },
  apiKeyStored: false,
  secretStorage: { canSave: false, reason: 'browser mode has no keychain', description: 'none' },
};

describe('createSettingsStore', () => {
  it('gives every caller a fresh store', () => {
    const a = createSettingsStore({ api: fakeApi().api });
    const b = createSettingsStore({ api: fakeApi().api });
    a.setState({ view: externalView });
    expect(b.getState().view).toBeNull();
  });

  it('load() reads the connection settings', async () => {
    const { api, take } = fakeApi();
    const store = createSettingsStore({ api });
    const loaded = store.getState().actions.load();
    expect(store.getState().status).toBe('loading');
    const pending = take('settings.getConnection');
    expect(pending.request).toEqual({});
    pending.resolve(ok(externalView));
    await loaded;
    expect(store.getState()).toMatchObject({
      status: 'ready',
      view: externalView,
      loadError: null,
      revision: 1,
    });
  });

  it('load() keeps the error message when it fails', async () => {
    const { api, take } = fakeApi();
    const store = createSettingsStore({ api });
    const loaded = store.getState().actions.load();
    take('settings.getConnection').resolve(fail('STORE_ERROR', 'database is locked'));
    await loaded;
    expect(store.getState()).toMatchObject({ status: 'error', loadError: 'database is locked', view: null });
  });

  it('save() sends the request and takes the view main answers with', async () => {
    const { api, take } = fakeApi();
    const store = createSettingsStore({ api });
    const request = {
      connection: {
        mode: 'external' as const,
        address: 'temporal:7233',
        namespace: 'prod',
        apiKey: { stored: true },
      },
      apiKey: 'secret-key',
    };
    const saved = store.getState().actions.save(request);
    expect(store.getState().saving).toBe(true);
    // A second press while saving does nothing.
    await expect(store.getState().actions.save(request)).resolves.toBe(false);
    const pending = take('settings.saveConnection');
    expect(pending.request).toEqual(request);
    const answer: ConnectionSettingsView = {
      connection: request.connection,
      apiKeyStored: true,
      secretStorage: { canSave: true, description: 'OS keychain' },
    };
    pending.resolve(ok(answer));
    await expect(saved).resolves.toBe(true);
    expect(store.getState()).toMatchObject({
      saving: false,
      saveError: null,
      savedCount: 1,
      view: answer,
      status: 'ready',
      revision: 1,
    });
    // The secret is never kept in the store.
    expect(JSON.stringify(store.getState())).not.toContain('secret-key');
  });

  it('save() keeps the error with its path, and clearSaveError() forgets it', async () => {
    const { api, take } = fakeApi();
    const store = createSettingsStore({ api });
    const saved = store
      .getState()
      .actions.save({ connection: { mode: 'external', address: 'nowhere:1', namespace: 'default' } });
    take('settings.saveConnection').resolve(
      fail('INVALID_INPUT', 'the address must be host:port', 'connection.address'),
    );
    await expect(saved).resolves.toBe(false);
    expect(store.getState()).toMatchObject({
      saving: false,
      savedCount: 0,
      saveError: {
        code: 'INVALID_INPUT',
        message: 'the address must be host:port',
        path: 'connection.address',
      },
    });
    store.getState().actions.clearSaveError();
    expect(store.getState().saveError).toBeNull();
  });

  it('a load answered after a save does not bring back the old settings', async () => {
    const { api, take } = fakeApi();
    const store = createSettingsStore({ api });
    void store.getState().actions.load();
    const saved = store.getState().actions.save({ connection: { mode: 'embedded' } });
    const embeddedView: ConnectionSettingsView = { ...externalView, connection: { mode: 'embedded' } };
    take('settings.saveConnection').resolve(ok(embeddedView));
    await saved;
    take('settings.getConnection').resolve(ok(externalView));
    await flush();
    expect(store.getState().view).toEqual(embeddedView);
  });
});
