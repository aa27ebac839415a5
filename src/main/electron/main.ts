/**
 * The Electron main process: the one file that creates windows. Everything else is the same
 * services browser mode runs (createAppServices), exposed through ipcMain instead of a socket.
 *
 * Security (Electron's checklist): contextIsolation on, nodeIntegration off, sandboxed renderer
 * with a bundled CJS preload, a CSP on every response, navigation and new windows denied,
 * permission requests refused, and every IPC sender checked (setupIpcMain).
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell, utilityProcess } from 'electron';
import { createAppServices, type AppServices } from '../app/app-services';
import { installLastResortHandler } from '../app/last-resort-handler';
import { usePrivateUmask } from '../app/private-files';
import { contentSecurityPolicy } from '../browser-mode/security-headers';
import { setupIpcMain } from './ipc-main-adapter';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { createUtilityProcessLauncher } from './utility-process-launcher';
import { WORKER_NODE_OPTIONS } from '../worker-host/launch-worker-process';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
// Rendered from resources/icon.svg by `npm run build` (scripts/generate-icons.ts); packaged, it
// ships as an extra resource (electron-builder.yml). macOS takes the app bundle's icon instead.
const windowIcon = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(here, '../../build/icon.png');

function isTrustedUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith(pathToFileURL(join(here, '../renderer')).href);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'workflow-builder',
    icon: windowIcon,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // No new Electron windows: the links the app offers (a loopback Web UI, or the Web UI address
  // configured for an external cluster) open in the user's browser; nothing else does.
  window.webContents.setWindowOpenHandler(({ url }) => {
    const uiUrl = services?.temporal?.status().uiUrl?.replace(/\/+$/, '');
    if (/^http:\/\/127\.0\.0\.1:\d+(\/|$)/.test(url) || (uiUrl && url.startsWith(`${uiUrl}/`))) {
      void shell.openExternal(url);
    }
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  void (devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererIndex));
  return window;
}

// First: every file this process and its children (the dev server, the worker) create is private.
usePrivateUmask();

let services: AppServices | undefined;
let quitting = false;

app.whenReady().then(() => {
  // The window talks to main over IPC, never a socket: no ws: origin at all. Only Vite's dev
  // server (npm run dev) needs its hot-reload socket and injected <style> elements.
  const csp = contentSecurityPolicy(
    devServerUrl ? { connect: ['ws://127.0.0.1:*', 'ws://localhost:*'], inlineStyles: true } : { connect: [] },
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'Cross-Origin-Opener-Policy': ['same-origin'],
        'Cross-Origin-Resource-Policy': ['same-origin'],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  // Every permission is refused except notifications: a run's end is announced on the desktop.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'));

  const dataDir = app.getPath('userData');
  services = createAppServices({
    dataDir,
    secrets: new SafeStorageSecretStore(safeStorage, join(dataDir, 'secrets')),
    resourcesPath: app.isPackaged ? process.resourcesPath : undefined,
    launchWorker: createUtilityProcessLauncher(
      utilityProcess,
      join(here, 'worker-process.js'),
      'workflow-builder worker',
      { WB_DATA_DIR: dataDir },
      WORKER_NODE_OPTIONS,
    ),
    launchBundler: createUtilityProcessLauncher(utilityProcess, join(here, 'bundle-process.js'), 'workflow-builder bundler'),
    log: (level, message) => (level === 'info' ? console.log(message) : console.error(message)),
  });
  const running = services;
  installLastResortHandler({
    process,
    report: (payload) => running.bus.publish('app.error', payload),
    log: (message) => console.error(message),
    exit: (code) => {
      quitting = true;
      setTimeout(() => app.exit(code), 5_000).unref();
      void running.shutdown().finally(() => app.exit(code));
    },
  });
  setupIpcMain({
    ipcMain,
    dispatch: services.dispatch,
    bus: services.bus,
    windows: () => BrowserWindow.getAllWindows(),
    isTrustedUrl,
  });
  createWindow();
  void services.start();
}).catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Stop the worker and the dev server before exiting, so no orphan keeps the database open.
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services.shutdown().finally(() => app.quit());
});
