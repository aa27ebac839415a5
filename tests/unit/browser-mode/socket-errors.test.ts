import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../src/core/ipc';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-mode/browser-host';
import type { Dispatch } from '../../../src/main/ipc/dispatcher';
import { EventBus } from '../../../src/main/ipc/event-bus';

/**
 * "The app never dies of a request": a refused upgrade reset by its client, a frame over the
 * size limit and a frame of invalid UTF-8 each used to raise an 'error' on a socket that had no
 * listener, which kills the process (here: vitest reports an unhandled error and the run fails).
 */

const dispatch: Dispatch = async (channel) => ({ ok: true, value: { echoed: channel } });
let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'wb-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>wb</title>');
  host = await startBrowserHost({ rendererDir, dispatch, bus: new EventBus() });
});
afterAll(async () => {
  await host?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, ['wb.v1', `wb.token.${host.token}`]);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function pageStatus(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: '/' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asserts the host still serves a page and answers a valid token holder. */
async function expectHealthy(): Promise<void> {
  expect(await pageStatus()).toBe(200);
  const socket = await connect();
  const reply = new Promise<WireMessage>((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as WireMessage)),
  );
  socket.send(JSON.stringify({ id: 1, channel: 'definitions.list', payload: {} }));
  expect(await reply).toEqual({
    kind: 'reply',
    id: 1,
    reply: { ok: true, value: { echoed: 'definitions.list' } },
  });
  socket.close();
}

/**
 * Sends an upgrade the host refuses, then resets the connection (RST, not FIN): either at once,
 * or after the refusal arrived, so the reset lands while the host writes or after it ended.
 */
function refusedUpgradeThenReset(variant: number): Promise<void> {
  const wrongHost = variant % 3 === 2;
  const lines = [
    'GET /ipc HTTP/1.1',
    `Host: ${wrongHost ? 'evil.example' : `127.0.0.1:${host.port}`}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Protocol: wb.v1, wb.token.wrong',
    '',
    '',
  ];
  return new Promise((resolve) => {
    const socket: Socket = netConnect(host.port, '127.0.0.1');
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.once('connect', () => {
      socket.write(lines.join('\r\n'));
      if (variant % 2 === 0) socket.resetAndDestroy();
      else socket.once('data', () => socket.resetAndDestroy());
    });
  });
}

describe('browser-mode host: no request kills it', () => {
  it(
    'survives 1,000 refused upgrades reset by the client, and still serves',
    { timeout: 120_000 },
    async () => {
      for (let i = 0; i < 1000; i += 10) {
        await Promise.all(Array.from({ length: 10 }, (_, j) => refusedUpgradeThenReset(i + j)));
      }
      // Give the host's side of the last resets time to surface as errors.
      await new Promise((r) => setTimeout(r, 200));
      await expectHealthy();
    },
  );

  it('closes a token holder that sends a frame over the 8 MiB limit with 1009, and keeps serving', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    socket.send('x'.repeat(8 * 1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    await expectHealthy();
  });

  it('closes a token holder that sends invalid UTF-8 in a text frame with 1007, and keeps serving', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => undefined);
    // A text frame (binary: false) whose bytes are not UTF-8: the client sends it as is.
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    await expectHealthy();
  });

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = netConnect(host.port, '127.0.0.1');
      let text = '';
      socket.on('data', (d) => (text += String(d)));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.write('GARBAGE\0 / HTTP/1.1\r\n\r\n');
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await expectHealthy();
  });
});
