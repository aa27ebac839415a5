import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  createWsClient,
  DEFAULT_BACKOFF,
  normalizeReply,
  type WsClient,
} from '../../../src/renderer/src/api/ws-client';
import type { ConnectionInfo } from '../../../src/renderer/src/api/connection';
import { FakeWebSocket } from './fake-websocket';

const TOKEN = 'abcDEF0123456789';
const READY = {
  state: 'ready',
  mode: 'embedded',
  address: '127.0.0.1:7233',
  namespace: 'default',
  restarts: 0,
  since: '2025-01-01T00:00:00.000Z',
} as const;

let client: WsClient | null = null;

function makeClient(): WsClient {
  // random() = 0.5 → no jitter, so delays are exactly 250, 500, 1000, … 5000.
  client = createWsClient({
    url: 'ws://127.0.0.1:4567/ipc',
    token: TOKEN,
    WebSocketImpl: FakeWebSocket,
    random: () => 0.5,
  });
  return client;
}

/** Lets promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

beforeEach(() => {
  FakeWebSocket.reset();
  vi.useFakeTimers();
});

afterEach(() => {
  client?.close();
  client = null;
  vi.useRealTimers();
});

describe('ws client: connecting', () => {
  it('opens ws://host/ipc with the version and token subprotocols', () => {
    const c = makeClient();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last().url).toBe('ws://127.0.0.1:4567/ipc');
    expect(FakeWebSocket.last().protocols).toEqual(['wb.v1', `wb.token.${TOKEN}`]);
    expect(c.connection.get().state).toBe('connecting');
    FakeWebSocket.last().serverOpen();
    expect(c.connection.get()).toMatchObject({ state: 'open', attempt: 0, everConnected: true });
  });

  it('queues requests made while connecting and sends them, in order, on open', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    const a = c.invoke('server.status', {});
    const b = c.invoke('definitions.list', {});
    expect(ws.sent).toHaveLength(0);
    ws.serverOpen();
    expect(ws.requests().map((r) => [r.id, r.channel, r.payload])).toEqual([
      [1, 'server.status', {}],
      [2, 'definitions.list', {}],
    ]);
    ws.serverReply(1, { ok: true, value: READY });
    ws.serverReply(2, { ok: true, value: [] });
    await expect(a).resolves.toEqual({ ok: true, value: READY });
    await expect(b).resolves.toEqual({ ok: true, value: [] });
  });
});

describe('ws client: request/reply correlation', () => {
  it('matches replies to requests by id, whatever their order', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const first = c.invoke('definitions.get', { id: 'one' });
    const second = c.invoke('definitions.get', { id: 'two' });
    const [r1, r2] = ws.requests();
    expect(r1?.payload).toEqual({ id: 'one' });
    expect(r2?.payload).toEqual({ id: 'two' });
    ws.serverReply(r2!.id, { ok: true, value: 'second' });
    ws.serverReply(r1!.id, { ok: false, error: { code: 'NOT_FOUND', message: 'no definition one' } });
    await expect(second).resolves.toEqual({ ok: true, value: 'second' });
    await expect(first).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no definition one' },
    });
  });

  it('ignores replies to unknown ids, non-JSON and unknown message kinds', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const pending = c.invoke('server.status', {});
    let settled = false;
    void pending.then(() => (settled = true));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    ws.serverReply(999, { ok: true, value: 'stray' });
    ws.serverSend('not json {');
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    ws.serverSend({ kind: 'mystery', id: 1 });
    await flush();
    expect(settled).toBe(false);
    ws.serverReply(1, { ok: true, value: READY });
    await expect(pending).resolves.toEqual({ ok: true, value: READY });
  });

  it('turns a malformed reply into an INTERNAL failure', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const pending = c.invoke('server.status', {});
    ws.serverReply(1, { nope: true });
    const reply = await pending;
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('INTERNAL');
  });
});

describe('ws client: disconnects', () => {
  it('fails in-flight requests with SERVER_UNAVAILABLE when the socket drops, instead of hanging', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const pending = c.invoke('definitions.list', {});
    expect(ws.sent).toHaveLength(1);
    ws.serverClose();
    const reply = await pending;
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('SERVER_UNAVAILABLE');
      expect(reply.error.message).toContain('definitions.list');
    }
    expect(c.connection.get()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      everConnected: true,
      retryInMs: 250,
    });
  });

  it('fails queued requests when the first connection attempt fails', async () => {
    const c = makeClient();
    const pending = c.invoke('server.status', {});
    FakeWebSocket.last().serverClose();
    const reply = await pending;
    expect(reply).toMatchObject({ ok: false, error: { code: 'SERVER_UNAVAILABLE' } });
    expect(c.connection.get()).toMatchObject({ state: 'reconnecting', everConnected: false });
  });

  it('answers immediately while waiting to reconnect', async () => {
    const c = makeClient();
    FakeWebSocket.last().serverOpen();
    FakeWebSocket.last().serverClose();
    await expect(c.invoke('server.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'SERVER_UNAVAILABLE' },
    });
  });

  it('reconnects with exponential backoff, capped, and resets after a successful open', () => {
    const c = makeClient();
    const delays: number[] = [];
    c.connection.subscribe((info: ConnectionInfo) => {
      if (info.state === 'reconnecting') delays.push(info.retryInMs ?? -1);
    });
    for (let i = 0; i < 7; i++) {
      const before = FakeWebSocket.instances.length;
      FakeWebSocket.last().serverClose();
      const delay = delays.at(-1)!;
      vi.advanceTimersByTime(delay - 1);
      expect(FakeWebSocket.instances).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(FakeWebSocket.instances).toHaveLength(before + 1);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);

    FakeWebSocket.last().serverOpen();
    expect(c.connection.get()).toMatchObject({ state: 'open', attempt: 0 });
    FakeWebSocket.last().serverClose();
    expect(c.connection.get().retryInMs).toBe(250);
  });

  it('works again after reconnecting, and ignores the old socket', async () => {
    const c = makeClient();
    const old = FakeWebSocket.last();
    old.serverOpen();
    old.serverClose();
    vi.advanceTimersByTime(250);
    const fresh = FakeWebSocket.last();
    expect(fresh).not.toBe(old);
    fresh.serverOpen();
    const pending = c.invoke('server.status', {});
    const [request] = fresh.requests();
    old.serverReply(request!.id, { ok: true, value: 'from the old socket' });
    fresh.serverReply(request!.id, { ok: true, value: READY });
    await expect(pending).resolves.toEqual({ ok: true, value: READY });
  });

  it('retryNow skips the backoff wait', () => {
    const c = makeClient();
    FakeWebSocket.last().serverClose();
    vi.advanceTimersByTime(100);
    expect(FakeWebSocket.instances).toHaveLength(1);
    c.retryNow();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(c.connection.get().state).toBe('connecting');
    // the cancelled timer must not open a third socket
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('close() fails pending requests and stops reconnecting', async () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const pending = c.invoke('server.status', {});
    c.close();
    expect(ws.closedByClient).toEqual({ code: 1000, reason: 'client closed' });
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'SERVER_UNAVAILABLE' } });
    expect(c.connection.get().state).toBe('closed');
    ws.serverClose();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await expect(c.invoke('server.status', {})).resolves.toMatchObject({ ok: false });
  });

  it('counts a constructor that throws as a failed attempt', () => {
    class Throwing extends FakeWebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols);
        throw new Error('SyntaxError');
      }
    }
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    client = createWsClient({ url: 'ws://x/ipc', token: TOKEN, WebSocketImpl: Throwing, random: () => 0.5 });
    expect(client.connection.get()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    spy.mockRestore();
  });
});

describe('ws client: events', () => {
  it('delivers events to subscribers until they unsubscribe', () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const off = c.on('server.status', (status) => seen.push(status.state));
    c.on('runs.changed', (run) => other.push(run));
    ws.serverSend({ kind: 'event', event: 'server.status', payload: READY });
    off();
    ws.serverSend({ kind: 'event', event: 'server.status', payload: { ...READY, state: 'crashed' } });
    expect(seen).toEqual(['ready']);
    expect(other).toEqual([]);
  });

  it('keeps delivering when one listener throws', () => {
    const c = makeClient();
    const ws = FakeWebSocket.last();
    ws.serverOpen();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    c.on('server.status', () => {
      throw new Error('boom');
    });
    c.on('server.status', (s) => seen.push(s.state));
    ws.serverSend({ kind: 'event', event: 'server.status', payload: READY });
    expect(seen).toEqual(['ready']);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('backoffDelay / normalizeReply', () => {
  it('applies jitter within bounds', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(200);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999)).toBe(300);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.5)).toBe(5000);
  });

  it('keeps known error codes and paths, maps unknown codes to INTERNAL', () => {
    expect(
      normalizeReply({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'bad', path: 'definition.name' },
      }),
    ).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'bad', path: 'definition.name' },
    });
    expect(normalizeReply({ ok: false, error: { code: 'WAT', message: 'odd' } })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'odd' },
    });
    expect(normalizeReply({ ok: true })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
