import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../src/core/ipc';
import { CHANNELS } from '../../../src/core/ipc';
import { DEFINITION_LIMITS } from '../../../src/core/json/json-limits';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-mode/browser-host';
import { classifyServiceError } from '../../../src/main/ipc/classify-error';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { createDefinitionsHandlers } from '../../../src/main/ipc/handlers/definitions-handlers';
import { openStore, type Store } from '../../../src/main/store';

/**
 * Two limits in a row: the 8 MiB WebSocket frame (ws closes the connection with 1009) and, below
 * it, the 4 MiB definition cap (a clear INVALID_INPUT reply; the connection stays open). A 6 MiB
 * definition fits the frame and is refused by the cap; nothing reaches the store either way.
 */

let host: BrowserHost;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-frame-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>wb</title>');
  store = openStore(join(dir, 'store.db'));
  const unused = (): never => {
    throw new Error('not used in this test');
  };
  const handlers = {
    ...(Object.fromEntries(CHANNELS.map((c) => [c, unused])) as unknown as Handlers),
    ...createDefinitionsHandlers(store),
  } as Handlers;
  host = await startBrowserHost({
    rendererDir: dir,
    dispatch: createDispatcher(handlers, classifyServiceError),
    bus: new EventBus(),
  });
});
afterAll(async () => {
  await host?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, ['wb.v1', `wb.token.${host.token}`]);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A definition of about `bytes` bytes, each arg under the field limit. */
function definitionOf(bytes: number): unknown {
  const chunk = 1024 * 1024;
  const args = Array.from({ length: Math.ceil(bytes / chunk) }, () => 'x'.repeat(chunk));
  return {
    schemaVersion: 1,
    name: 'Big',
    nodes: [
      { id: 'start', kind: 'start', data: {} },
      { id: 'act', kind: 'activity', data: { activity: 'noop', args } },
    ],
    edges: [],
    settings: {},
  };
}

describe('frame limit vs definition cap', () => {
  it('answers a 6 MiB definition (under the frame, over the cap) with INVALID_INPUT and stays open', async () => {
    const socket = await connect();
    const reply = new Promise<WireMessage>((resolve) =>
      socket.once('message', (d) => resolve(JSON.parse(String(d)) as WireMessage)),
    );
    socket.send(
      JSON.stringify({
        id: 1,
        channel: 'definitions.save',
        payload: { definition: definitionOf(6 * 1024 * 1024) },
      }),
    );
    const message = await reply;
    expect(message).toMatchObject({
      kind: 'reply',
      id: 1,
      reply: { ok: false, error: { code: 'INVALID_INPUT', path: 'definition' } },
    });
    expect(JSON.stringify(message)).toContain(
      `larger than the limit of 4 MiB (${DEFINITION_LIMITS.maxBytes.toLocaleString('en-US')} bytes)`,
    );
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(store.definitions.list()).toEqual([]);
    socket.close();
  });

  it('closes the connection with 1009 for a frame over 8 MiB, and stores nothing', async () => {
    const socket = await connect();
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(
      JSON.stringify({
        id: 2,
        channel: 'definitions.save',
        payload: { definition: definitionOf(9 * 1024 * 1024) },
      }),
    );
    expect(await closed).toBe(1009);
    expect(store.definitions.list()).toEqual([]);
  });
});
