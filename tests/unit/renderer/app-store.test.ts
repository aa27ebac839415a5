import { describe, expect, it, vi } from 'vitest';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import type { Channel, EventName } from '../../../src/core/ipc/channels';
import { contract, type DefinitionSummary, type ServerStatus } from '../../../src/core/ipc/contract';
import { fail, ok, type IpcResult } from '../../../src/core/ipc/result';
import type { ConnectionInfo, ConnectionSource } from '../../../src/renderer/src/api/connection';
import { createAppStore, MAX_APP_ERRORS, newDefinitionRequest } from '../../../src/renderer/src/stores/app-store';

const status = (state: ServerStatus['state'], extra: Partial<ServerStatus> = {}): ServerStatus => ({
  state,
  mode: 'embedded',
  namespace: 'default',
  restarts: 0,
  since: '2025-01-01T00:00:00.000Z',
  ...extra,
});

const summary = (id: string, name = id): DefinitionSummary => ({
  id,
  name,
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

/** A fake API whose replies the test releases by hand. */
function fakeApi() {
  const calls: { channel: Channel; request: unknown; resolve: (r: IpcResult<unknown>) => void }[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const api = {
    invoke: (channel: Channel, request: unknown) =>
      new Promise((resolve) => calls.push({ channel, request, resolve })),
    on: (event: EventName, listener: (p: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as WorkflowBuilderApi;
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const take = (channel: Channel) => {
    const index = calls.findIndex((c) => c.channel === channel);
    if (index < 0) throw new Error(`no pending call on ${channel}`);
    return calls.splice(index, 1)[0]!;
  };
  return { api, calls, emit, take };
}

function fakeConnection(initial: ConnectionInfo['state'] = 'open') {
  let info: ConnectionInfo = { state: initial, attempt: 0, everConnected: initial === 'open' };
  const listeners = new Set<(i: ConnectionInfo) => void>();
  const source: ConnectionSource = {
    get: () => info,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const set = (state: ConnectionInfo['state']) => {
    info = {
      state,
      attempt: state === 'open' ? 0 : 1,
      everConnected: info.everConnected || state === 'open',
    };
    listeners.forEach((l) => l(info));
  };
  return { source, set };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('createAppStore', () => {
  it('gives every caller a fresh store', () => {
    const a = createAppStore({ api: fakeApi().api, connection: fakeConnection().source });
    const b = createAppStore({ api: fakeApi().api, connection: fakeConnection().source });
    a.setState({ definitions: { ...a.getState().definitions, items: [summary('x')] } });
    expect(b.getState().definitions.items).toEqual([]);
  });

  it('start() loads the server status and the definitions', async () => {
    const { api, take } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    store.getState().actions.start();
    expect(store.getState().definitions.status).toBe('loading');
    take('server.status').resolve(ok(status('ready', { address: '127.0.0.1:7233' })));
    take('definitions.list').resolve(ok([summary('a', 'Alpha')]));
    await flush();
    expect(store.getState().server.status?.state).toBe('ready');
    expect(store.getState().definitions).toMatchObject({
      status: 'ready',
      items: [summary('a', 'Alpha')],
      error: null,
    });
  });

  it('keeps the error message when a load fails', async () => {
    const { api, take } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    store.getState().actions.start();
    take('definitions.list').resolve(fail('STORE_ERROR', 'database is locked'));
    take('server.status').resolve(fail('SERVER_UNAVAILABLE', 'Not connected'));
    await flush();
    expect(store.getState().definitions).toMatchObject({ status: 'error', error: 'database is locked' });
    expect(store.getState().server).toMatchObject({ status: null, error: 'Not connected' });
  });

  it('follows server.status events, and drops a reply that is older than an event', async () => {
    const { api, take, emit } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    const stop = store.getState().actions.start();
    const initial = take('server.status');
    emit('server.status', status('crashed', { message: 'exited with code 1', restarts: 2 }));
    initial.resolve(ok(status('starting')));
    await flush();
    expect(store.getState().server.status).toMatchObject({
      state: 'crashed',
      restarts: 2,
      message: 'exited with code 1',
    });
    stop();
    emit('server.status', status('ready'));
    expect(store.getState().server.status?.state).toBe('crashed');
  });

  it('"New workflow" saves the minimal Start → End definition and reloads the list', async () => {
    const { api, take } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    const created = store.getState().actions.createDefinition();
    expect(store.getState().definitions.creating).toBe(true);
    const save = take('definitions.save');
    expect(save.request).toEqual(newDefinitionRequest());
    save.resolve(ok(summary('new-1', 'Untitled workflow')));
    await flush();
    take('definitions.list').resolve(ok([summary('new-1', 'Untitled workflow')]));
    await expect(created).resolves.toMatchObject({ id: 'new-1' });
    expect(store.getState().definitions).toMatchObject({
      creating: false,
      lastCreated: { id: 'new-1' },
      items: [{ id: 'new-1' }],
    });
  });

  it('the new definition is valid under the IPC contract', () => {
    expect(contract['definitions.save'].request.safeParse(newDefinitionRequest()).success).toBe(true);
  });

  it('reports a failed create with its message', async () => {
    const { api, take } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    const created = store.getState().actions.createDefinition();
    take('definitions.save').resolve(fail('INVALID_INPUT', 'name must not be empty', 'definition.name'));
    await expect(created).resolves.toBeNull();
    expect(store.getState().definitions.createError).toBe('name must not be empty (at definition.name)');
  });

  it('reloads everything after a reconnect', async () => {
    const { api, take, calls } = fakeApi();
    const conn = fakeConnection('open');
    const store = createAppStore({ api, connection: conn.source });
    store.getState().actions.start();
    take('server.status').resolve(ok(status('ready')));
    take('definitions.list').resolve(ok([]));
    await flush();
    expect(calls).toHaveLength(0);
    conn.set('reconnecting');
    expect(store.getState().connection.state).toBe('reconnecting');
    expect(calls).toHaveLength(0);
    conn.set('open');
    expect(calls.map((c) => c.channel).sort()).toEqual(['definitions.list', 'server.status']);
  });

  it('shows app.error events until dismissed, keeping the newest few', () => {
    const { api, emit } = fakeApi();
    const store = createAppStore({ api, connection: fakeConnection().source });
    const stop = store.getState().actions.start();
    const error = (n: number) => ({ kind: 'uncaughtException' as const, message: `e${n}`, at: `2026-01-01T00:00:0${n}.000Z`, fatal: false });
    for (let n = 0; n < MAX_APP_ERRORS + 2; n++) emit('app.error', error(n));
    expect(store.getState().appErrors.map((e) => e.message)).toEqual(['e2', 'e3', 'e4', 'e5', 'e6']);
    const first = store.getState().appErrors[0]!;
    store.getState().actions.dismissAppError(first);
    expect(store.getState().appErrors.map((e) => e.message)).toEqual(['e3', 'e4', 'e5', 'e6']);
    stop();
    emit('app.error', error(9));
    expect(store.getState().appErrors).toHaveLength(4);
  });

  it('retryConnection calls the transport', () => {
    const retryNow = vi.fn();
    const store = createAppStore({ api: fakeApi().api, connection: fakeConnection().source, retryNow });
    store.getState().actions.retryConnection();
    expect(retryNow).toHaveBeenCalledOnce();
  });
});
