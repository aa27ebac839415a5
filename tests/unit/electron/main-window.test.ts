/** @vitest-environment node */
/* eslint-disable @typescript-eslint/no-explicit-any -- a hand-rolled electron mock */
import { describe, expect, it, vi } from 'vitest';

// vi.mock factories are hoisted above imports: share state through vi.hoisted.
const { created, headerHooks, permissionHandlers, openExternal, services } = vi.hoisted(() => ({
  created: [] as Array<{ options: Record<string, any>; window: any }>,
  headerHooks: [] as Array<(details: any, callback: (r: any) => void) => void>,
  permissionHandlers: [] as Array<(wc: unknown, permission: string, cb: (granted: boolean) => void) => void>,
  openExternal: vi.fn(async (_url: string) => undefined),
  services: {
    dispatch: vi.fn(),
    bus: { subscribe: vi.fn(() => () => undefined) },
    start: vi.fn(async () => undefined),
    shutdown: vi.fn(async () => undefined),
    temporal: { status: () => ({ uiUrl: 'https://temporal.example.com/' }) },
  },
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    webContents: any;
    constructor(options: Record<string, any>) {
      super();
      const contents = new EventEmitter() as any;
      contents.id = 1;
      contents.setWindowOpenHandler = (h: unknown) => (contents.openHandler = h);
      this.webContents = contents;
      BrowserWindow.all.push(this);
      created.push({ options, window: this });
    }
    isDestroyed = () => false;
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
  }
  const app = Object.assign(new EventEmitter(), {
    whenReady: () => Promise.resolve(),
    getPath: () => '/tmp/wb-electron-test',
    isPackaged: false,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    safeStorage: {},
    utilityProcess: { fork: vi.fn() },
    shell: { openExternal },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (hook: any) => headerHooks.push(hook) },
        setPermissionRequestHandler: (handler: any) => permissionHandlers.push(handler),
      },
    },
  };
});
vi.mock('../../../src/main/app/app-services', () => ({ createAppServices: () => services }));

describe('Electron main window', () => {
  it('is created with the security defaults and a sandboxed CJS preload', async () => {
    await import('../../../src/main/electron/main');
    await vi.waitFor(() => expect(created).toHaveLength(1));
    const prefs = created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(services.start).toHaveBeenCalled();
  });

  it('sends a Content-Security-Policy with every response and refuses permission requests', () => {
    let headers: Record<string, string[]> = {};
    headerHooks[0]!({ url: 'file:///x', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
    // The window uses IPC, never a socket: no ws: origin; no inline styles.
    expect(headers['Content-Security-Policy']?.[0]).toContain("connect-src 'self';");
    expect(headers['Content-Security-Policy']?.[0]).not.toContain('unsafe-inline');
    expect(headers['Cross-Origin-Opener-Policy']).toEqual(['same-origin']);
    expect(headers['Cross-Origin-Resource-Policy']).toEqual(['same-origin']);
    let granted: boolean | undefined;
    permissionHandlers[0]!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    // The one exception: desktop notifications of a run's end.
    permissionHandlers[0]!({}, 'notifications', (g) => (granted = g));
    expect(granted).toBe(true);
  });

  it('opens no new windows (loopback Web UI links go to the browser) and blocks foreign navigation', () => {
    const contents = created[0]!.window.webContents;
    expect(contents.openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.openHandler({ url: 'http://127.0.0.1:8233/namespaces/default' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('http://127.0.0.1:8233/namespaces/default');
    // The Web UI address configured for an external cluster (webUiUrl): its pages, not its look-alikes.
    const ui = 'https://temporal.example.com/namespaces/prod/workflows/w%2Fa%231';
    expect(contents.openHandler({ url: ui })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(ui);
    contents.openHandler({ url: 'https://temporal.example.com.evil.example/x' });
    expect(openExternal).not.toHaveBeenCalledWith('https://temporal.example.com.evil.example/x');
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
