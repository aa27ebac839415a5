/**
 * Proves: the BUILT desktop main bundle (out/main/index.js, as `npm run build` makes it and the app
 * ships it) starts under plain Node with a stand-in `electron` module
 * (tests/support/electron-stand-in) and
 * - creates one BrowserWindow with Electron's security settings (contextIsolation, no
 *   nodeIntegration, sandbox, webSecurity), the built CJS preload, the built renderer and the
 *   generated window icon;
 * - sends a Content-Security-Policy with every response, refuses permission requests, denies new
 *   windows and foreign navigation;
 * - wires the real services: every contract channel has an ipcMain handler; a call from the window
 *   reaches the store in the data folder (app.getPath('userData')) and the connection stored
 *   there; calls from another sender or another page are refused;
 * - shuts its services down on quit and exits cleanly.
 * Not proven: a real Electron opening the window (no Electron binary on CI; see the README).
 * Tier: quick (unit). Needs `npm run build` first: scripts/run-tests.mjs and `npm run test:unit` run
 * it. A missing or stale build fails this test; it never skips.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/core/ipc';
import { CONNECTION_SETTING } from '../../../src/main/app/app-services';
import { findFreePort } from '../../../src/main/dev-server/free-port';
import { openStore } from '../../../src/main/store';
import { assertFreshBuild, repoRoot as root } from '../../support/desktop-build';
import { decodePng } from '../../support/png';

const bundle = join(root, 'out/main/index.js');
const registerStandIn = pathToFileURL(join(root, 'tests/support/electron-stand-in/register.mjs')).href;
const rendererUrl = pathToFileURL(join(root, 'out/renderer/index.html')).href;

interface Snapshot {
  windows: Array<{ options: BrowserWindowConstructorOptions; loaded: { file?: string; url?: string }; shown: boolean }>;
  handlers: string[];
  hooks: {
    headers: Record<string, string[]>;
    permissionGranted: boolean;
    windowOpen: { devServerUi: { action: string }; foreign: { action: string } };
    openedExternal: string[];
    navigationPrevented: { foreign: boolean; own: boolean };
  };
}

let app: ChildProcess;
let output = '';
let userData: string;
let unreachable: string;
let exited: Promise<number | null>;
let nextId = 1;

function request<T>(message: Record<string, unknown>): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${String(message.type)}; output:\n${output}`)), 20_000);
    const onMessage = (reply: { type: string; id?: number; value?: T; error?: string }): void => {
      if (reply.type !== 'reply' || reply.id !== id) return;
      clearTimeout(timer);
      app.off('message', onMessage);
      if (reply.error) reject(new Error(reply.error));
      else resolve(reply.value as T);
    };
    app.on('message', onMessage);
    app.send({ ...message, id });
  });
}

interface Reply<T> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

const invoke = <T = unknown>(channel: string, payload: unknown, sender: 'window' | 'stranger' = 'window', frameUrl = rendererUrl) =>
  request<Reply<T>>({
    type: 'invoke',
    channel,
    payload,
    sender,
    frameUrl,
  });

beforeAll(async () => {
  assertFreshBuild('out/main/index.js', ['src/main', 'src/core', 'src/preload'], ['resources/icon.svg']);
  userData = mkdtempSync(join(tmpdir(), 'wb-main-bundle-'));
  // The stored connection points at a closed loopback port: the services read it from the data
  // folder, start nothing and report the cluster unavailable (a unit test starts no server).
  unreachable = `127.0.0.1:${await findFreePort()}`;
  const store = openStore(join(userData, 'workflow-builder.db'));
  store.settings.set(CONNECTION_SETTING, { mode: 'external', address: unreachable, namespace: 'default' });
  store.close();

  const env: NodeJS.ProcessEnv = { ...process.env, WB_STAND_IN_USER_DATA: userData };
  delete env.ELECTRON_RENDERER_URL;
  app = fork(bundle, [], { cwd: root, env, execArgv: ['--import', registerStandIn], stdio: 'pipe' });
  app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => app.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no window within 60 s; output:\n${output}`)), 60_000);
    app.on('message', (message: { type: string }) => {
      if (message.type === 'window') {
        clearTimeout(timer);
        resolve();
      }
    });
    app.on('exit', (code) => reject(new Error(`the bundle exited (${code}) before creating a window:\n${output}`)));
  });
}, 90_000);

afterAll(() => {
  if (app && app.exitCode === null) app.kill('SIGKILL');
  if (userData) rmSync(userData, { recursive: true, force: true });
});

describe('the built Electron main bundle', () => {
  it('creates one window with the security settings, the built preload and renderer, and the icon', async () => {
    const { windows } = await request<Snapshot>({ type: 'snapshot', ownUrl: rendererUrl });
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window!.options.webPreferences).toEqual({
      preload: join(root, 'out/preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    });
    expect(existsSync(window!.options.webPreferences!.preload!)).toBe(true);
    expect(window!.loaded).toEqual({ file: join(root, 'out/renderer/index.html') });
    expect(existsSync(window!.loaded.file!)).toBe(true);
    expect(window!.options.icon).toBe(join(root, 'build/icon.png'));
    const icon = decodePng(readFileSync(window!.options.icon as string));
    expect([icon.width, icon.height]).toEqual([512, 512]);
    // Shown once ready (the stand-in emits ready-to-show after the load), never before.
    expect(window!.options.show).toBe(false);
    expect(window!.shown).toBe(true);
  });

  it('sends a CSP with every response, refuses permissions, new windows and foreign navigation', async () => {
    const { hooks } = await request<Snapshot>({ type: 'snapshot', ownUrl: rendererUrl });
    const csp = hooks.headers['Content-Security-Policy'];
    expect(csp).toHaveLength(1);
    expect(csp![0]).toContain("default-src 'self'");
    expect(csp![0]).toContain("script-src 'self';");
    // The window talks over IPC: no socket origin, and no inline styles outside the dev server.
    expect(csp![0]).toContain("connect-src 'self';");
    expect(csp![0]).not.toContain('unsafe-inline');
    expect(hooks.headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(hooks.headers['Cross-Origin-Opener-Policy']).toEqual(['same-origin']);
    expect(hooks.headers['X-From-Server']).toEqual(['kept']);
    expect(hooks.permissionGranted).toBe(false);
    expect(hooks.windowOpen).toEqual({ devServerUi: { action: 'deny' }, foreign: { action: 'deny' } });
    expect(hooks.openedExternal).toEqual(['http://127.0.0.1:8233/namespaces/default']);
    expect(hooks.navigationPrevented).toEqual({ foreign: true, own: false });
  });

  it('registers a handler for every contract channel, wired to the real services', async () => {
    const { handlers } = await request<Snapshot>({ type: 'snapshot', ownUrl: rendererUrl });
    expect([...handlers].sort()).toEqual([...CHANNELS].sort());

    // The store in app.getPath('userData'): the example lands there and is listed back.
    const loaded = await invoke<{ definitions: Array<{ id: string }> }>('examples.load', { name: 'package-builder' });
    expect(loaded.ok).toBe(true);
    expect(loaded.value.definitions.length).toBeGreaterThan(0);
    const listed = await invoke<Array<{ id: string }>>('definitions.list', {});
    expect(listed.ok).toBe(true);
    expect(listed.value.map((d) => d.id).sort()).toEqual(loaded.value.definitions.map((d) => d.id).sort());
    // The connection stored in that folder is the one the services use.
    const status = await invoke('server.status', {});
    expect(status.ok).toBe(true);
    expect(status.value).toMatchObject({ mode: 'external', address: unreachable, namespace: 'default' });
    // Payloads are parsed at the boundary: a bad one is a named error, not a crash.
    const bad = await invoke('definitions.get', { id: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses calls from another sender or from a page that is not ours', async () => {
    const stranger = await invoke('definitions.list', {}, 'stranger');
    expect(stranger).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const foreignPage = await invoke('definitions.list', {}, 'window', 'https://example.com/');
    expect(foreignPage).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('stops its services on quit and exits with code 0', async () => {
    app.send({ type: 'quit' });
    const code = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not exit; output:\n${output}`)), 30_000)),
    ]);
    expect(code).toBe(0);
  });
});
