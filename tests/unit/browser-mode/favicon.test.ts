/**
 * Proves: browser mode serves the app icon as the page's favicon — the built renderer's index.html
 * (out/renderer, from `npm run build`) links an icon, and the browser-mode host answers that link
 * with resources/icon.svg itself as image/svg+xml, under the same security headers as the page.
 * Tier: quick (unit). Needs `npm run build` first (scripts/run-tests.mjs and `npm run test:unit`
 * run it); a missing or stale build fails the test, it never skips.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-mode/browser-host';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { assertFreshBuild, repoRoot } from '../../support/desktop-build';

let host: BrowserHost;

beforeAll(async () => {
  assertFreshBuild('out/renderer/index.html', ['src/renderer'], ['resources/icon.svg']);
  host = await startBrowserHost({
    rendererDir: join(repoRoot, 'out/renderer'),
    dispatch: async () => ({ ok: true, value: null }),
    bus: new EventBus(),
  });
});
afterAll(async () => host?.close());

function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode favicon', () => {
  it('links the app icon from the page and serves it as SVG with the page’s security headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const links = [...page.body.toString('utf8').matchAll(/<link rel="icon" type="([^"]+)" href="([^"]+)"/g)];
    expect(links.map((m) => m[1])).toEqual(['image/svg+xml']);

    const icon = await get(new URL(links[0]![2]!, 'http://127.0.0.1/').pathname);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.body.toString('utf8')).toBe(readFileSync(join(repoRoot, 'resources/icon.svg'), 'utf8'));
    for (const header of ['content-security-policy', 'x-content-type-options', 'cross-origin-resource-policy']) {
      expect(icon.headers[header]).toBe(page.headers[header]);
    }
  });
});
