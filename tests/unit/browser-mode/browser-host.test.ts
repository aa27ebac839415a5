import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../src/core/ipc';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-mode/browser-host';
import type { Dispatch } from '../../../src/main/ipc/dispatcher';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { RUN_STATE_EVENT } from '../ipc/run-state-event';

const calls: Array<{ channel: unknown; payload: unknown }> = [];
const dispatch: Dispatch = async (channel, payload) => {
  calls.push({ channel, payload });
  return { ok: true, value: { echoed: channel } };
};
const bus = new EventBus();
let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'wb-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>wb</title>');
  host = await startBrowserHost({ rendererDir, dispatch, bus });
});
afterAll(async () => {
  await host?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function connect(protocols: string[], headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, protocols, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<WireMessage> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as WireMessage)),
  );
}

function httpGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function httpMethod(
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only and puts the token in the URL fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers a request with the token, through the dispatcher', async () => {
    const socket = await connect(['wb.v1', `wb.token.${host.token}`]);
    socket.send(JSON.stringify({ id: 7, channel: 'definitions.list', payload: {} }));
    expect(await nextMessage(socket)).toEqual({
      kind: 'reply',
      id: 7,
      reply: { ok: true, value: { echoed: 'definitions.list' } },
    });
    socket.close();
  });

  it('refuses an upgrade without the token, with a wrong one, or from a foreign origin', async () => {
    await expect(connect(['wb.v1'])).rejects.toThrow('HTTP 401');
    await expect(connect(['wb.v1', `wb.token.${host.token.slice(0, -1)}x`])).rejects.toThrow('HTTP 401');
    await expect(
      connect(['wb.v1', `wb.token.${host.token}`], { Origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    const ok = await connect(['wb.v1', `wb.token.${host.token}`], {
      Origin: `http://127.0.0.1:${host.port}`,
    });
    ok.close();
  });

  it('refuses a foreign Host header (DNS rebinding) for pages and sockets', async () => {
    expect((await httpGet('/', { Host: `attacker.example:${host.port}` })).status).toBe(421);
    await expect(
      connect(['wb.v1', `wb.token.${host.token}`], { Host: `attacker.example:${host.port}` }),
    ).rejects.toThrow('HTTP 421');
  });

  it('forwards bus events to connected clients', async () => {
    const socket = await connect(['wb.v1', `wb.token.${host.token}`]);
    const message = nextMessage(socket);
    bus.publish('runs.state', RUN_STATE_EVENT);
    expect(await message).toEqual({ kind: 'event', event: 'runs.state', payload: RUN_STATE_EVENT });
    socket.close();
  });

  it('serves the renderer with a CSP and never a file outside its folder', async () => {
    const page = await httpGet('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    // connect-src names this host's port only; no inline styles.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`);
    expect(csp).not.toContain('*');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("style-src 'self';");
    const escape = await httpGet('/..%2f..%2f..%2fetc%2fpasswd');
    expect(escape.body).not.toContain('root:');
  });

  it('sends COOP, CORP, nosniff and the CSP on every response, 4xx included', async () => {
    const responses = [
      await httpGet('/'),
      await httpGet('/', { Host: `attacker.example:${host.port}` }), // 421
      await httpGet('/ipc'), // 426
      await httpGet('/..%2f..%2fetc%2fpasswd'), // 403 or index.html, never the file
      await httpMethod('POST', '/'), // 405
    ];
    expect(responses.map((r) => r.status)).toEqual(expect.arrayContaining([200, 421, 426, 405]));
    for (const response of responses) {
      expect(response.headers['cross-origin-opener-policy'], String(response.status)).toBe('same-origin');
      expect(response.headers['cross-origin-resource-policy'], String(response.status)).toBe('same-origin');
      expect(response.headers['x-content-type-options'], String(response.status)).toBe('nosniff');
      expect(String(response.headers['content-security-policy']), String(response.status)).toContain(
        `ws://127.0.0.1:${host.port}`,
      );
    }
  });

  it('closes a socket that sends malformed JSON, without dispatching', async () => {
    const before = calls.length;
    const socket = await connect(['wb.v1', `wb.token.${host.token}`]);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{not json');
    expect(await closed).toBe(1003);
    expect(calls.length).toBe(before);
  });
});
