// A stand-in for the `electron` module, for running the BUILT main bundle (out/main/index.js) under
// plain Node where no Electron binary exists. It implements only what the main process calls, records
// it, and answers the test that forked this process over Node's IPC channel:
//   → { type: 'window' }                        when the bundle creates a BrowserWindow
//   ← { type: 'snapshot', id, ownUrl }          → what was recorded, plus the answers of the
//                                                 registered header, permission, window-open and
//                                                 navigation hooks to sample requests
//   ← { type: 'invoke', id, channel, payload, sender: 'window' | 'stranger', frameUrl }
//                                               → the registered ipcMain handler's answer
//   ← { type: 'quit' }                          → emits before-quit as Electron does; the bundle
//                                                 shuts its services down, then app.quit() exits
// It never opens a window: what a real Electron does with these calls stays unproven here.
import { EventEmitter } from 'node:events';

function send(message) {
  process.send?.(message);
}

let nextWebContentsId = 1;
const windows = [];
const handlers = new Map();
const headerHooks = [];
const permissionHandlers = [];
const forks = [];
const openedExternal = [];

class WebContents extends EventEmitter {
  id = nextWebContentsId++;
  sent = [];
  windowOpenHandler = undefined;
  send(channel, ...args) {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows];
  }
  constructor(options = {}) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.loaded = undefined;
    this.shown = false;
    windows.push(this);
    send({ type: 'window' });
  }
  isDestroyed() {
    return false;
  }
  loadFile(filePath) {
    this.loaded = { file: filePath };
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url) {
    this.loaded = { url };
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
}

function exit(code) {
  send({ type: 'exited', code });
  // Let the message leave before the process does.
  setTimeout(() => process.exit(code), 50);
}

class App extends EventEmitter {
  isPackaged = false;
  whenReady() {
    return Promise.resolve();
  }
  getPath(name) {
    const dir = process.env.WB_STAND_IN_USER_DATA;
    if (!dir) throw new Error('the electron stand-in needs WB_STAND_IN_USER_DATA');
    return name === 'userData' ? dir : `${dir}/${name}`;
  }
  quit() {
    exit(0);
  }
  exit(code = 0) {
    exit(code);
  }
}

export const app = new App();

export const ipcMain = {
  handle(channel, listener) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  },
  removeHandler(channel) {
    handlers.delete(channel);
  },
};

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => headerHooks.push(listener) },
    setPermissionRequestHandler: (handler) => permissionHandlers.push(handler),
  },
};

export const shell = {
  openExternal: async (url) => {
    openedExternal.push(url);
  },
};

// No OS keyring here: the app must refuse to store secrets rather than obfuscate them.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('encryption is not available');
  },
  decryptString: () => {
    throw new Error('encryption is not available');
  },
};

export const utilityProcess = {
  fork(modulePath, _args = [], options = {}) {
    forks.push({ modulePath, serviceName: options.serviceName });
    const child = new EventEmitter();
    Object.assign(child, { pid: undefined, stdout: null, stderr: null, postMessage() {}, kill: () => true });
    return child;
  },
};

export default { app, BrowserWindow, ipcMain, session, shell, safeStorage, utilityProcess };

function sampleHooks(window, ownUrl) {
  let headers;
  for (const hook of headerHooks) {
    hook({ url: ownUrl, responseHeaders: { 'X-From-Server': ['kept'] } }, (response) => (headers = response.responseHeaders));
  }
  let permissionGranted;
  for (const handler of permissionHandlers) handler(window.webContents, 'media', (granted) => (permissionGranted = granted));
  const openedBefore = openedExternal.length;
  const openHandler = window.webContents.windowOpenHandler;
  const windowOpen = openHandler && {
    devServerUi: openHandler({ url: 'http://127.0.0.1:8233/namespaces/default' }),
    foreign: openHandler({ url: 'https://example.com/' }),
  };
  const navigate = (url) => {
    let prevented = false;
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return {
    headers,
    permissionGranted,
    windowOpen,
    openedExternal: openedExternal.slice(openedBefore),
    navigationPrevented: { foreign: navigate('https://example.com/'), own: navigate(ownUrl) },
  };
}

process.on('message', async (message) => {
  if (message?.type === 'snapshot') {
    const window = windows[0];
    send({
      type: 'reply',
      id: message.id,
      value: {
        windows: windows.map((w) => ({ options: w.options, loaded: w.loaded, shown: w.shown })),
        handlers: [...handlers.keys()],
        forks,
        hooks: window ? sampleHooks(window, message.ownUrl) : undefined,
      },
    });
  } else if (message?.type === 'invoke') {
    const listener = handlers.get(message.channel);
    const window = windows[0];
    if (!listener || !window) {
      send({ type: 'reply', id: message.id, error: `no handler for ${message.channel} or no window` });
      return;
    }
    const sender = message.sender === 'window' ? window.webContents : new WebContents();
    const value = await listener({ sender, senderFrame: { url: message.frameUrl } }, message.payload);
    send({ type: 'reply', id: message.id, value });
  } else if (message?.type === 'quit') {
    // As Electron: unless a listener prevents it, quitting goes on.
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) exit(0);
  }
});
