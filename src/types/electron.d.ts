/* eslint-disable @typescript-eslint/no-explicit-any -- listener signatures mirror Electron's own `any`s */
/**
 * The subset of Electron's API this project uses, declared here because the Electron package
 * (and its types) is an optional dependency that is absent where its binary cannot be
 * downloaded. tsconfig maps `electron` to this file everywhere, so type-checking is the same
 * on every machine. Signatures follow Electron 39's electron.d.ts; extend as needed.
 */
declare module 'electron' {
  import type { EventEmitter } from 'node:events';

  export interface WebContents extends EventEmitter {
    readonly id: number;
    send(channel: string, ...args: unknown[]): void;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  export interface WebFrameMain {
    readonly url: string;
  }

  export interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    nodeIntegration?: boolean;
    sandbox?: boolean;
    webSecurity?: boolean;
  }

  export interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    title?: string;
    show?: boolean;
    webPreferences?: WebPreferences;
  }

  export class BrowserWindow extends EventEmitter {
    constructor(options?: BrowserWindowConstructorOptions);
    static getAllWindows(): BrowserWindow[];
    readonly webContents: WebContents;
    isDestroyed(): boolean;
    loadURL(url: string): Promise<void>;
    loadFile(filePath: string): Promise<void>;
    show(): void;
    once(event: 'ready-to-show', listener: () => void): this;
    on(event: 'closed', listener: () => void): this;
  }

  export interface IpcMainInvokeEvent {
    readonly sender: WebContents;
    readonly senderFrame: WebFrameMain | null;
  }

  export interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => unknown): void;
    removeHandler(channel: string): void;
  }

  export interface IpcRendererEvent {
    readonly sender: unknown;
  }

  export interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<any>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
    removeListener(channel: string, listener: (...args: any[]) => void): this;
  }

  export interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  export interface App extends EventEmitter {
    whenReady(): Promise<void>;
    getPath(name: 'userData' | 'logs' | 'temp'): string;
    quit(): void;
    exit(code?: number): void;
    readonly isPackaged: boolean;
    on(event: 'window-all-closed' | 'activate', listener: () => void): this;
    on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  export interface SafeStorage {
    isEncryptionAvailable(): boolean;
    /** Linux only: 'basic_text' means secrets would only be obfuscated. */
    getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
  }

  export interface UtilityProcess extends EventEmitter {
    readonly pid: number | undefined;
    readonly stdout: NodeJS.ReadableStream | null;
    readonly stderr: NodeJS.ReadableStream | null;
    postMessage(message: unknown): void;
    kill(): boolean;
    on(event: 'message', listener: (message: any) => void): this;
    on(event: 'exit', listener: (code: number) => void): this;
  }

  export interface UtilityProcessStatic {
    fork(
      modulePath: string,
      args?: string[],
      options?: { stdio?: 'pipe' | 'inherit' | 'ignore'; serviceName?: string; env?: Record<string, string | undefined> },
    ): UtilityProcess;
  }

  export interface OnHeadersReceivedDetails {
    url: string;
    responseHeaders?: Record<string, string[]>;
  }

  export interface Session {
    webRequest: {
      onHeadersReceived(
        listener: (
          details: OnHeadersReceivedDetails,
          callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
        ) => void,
      ): void;
    };
    setPermissionRequestHandler(handler: (wc: WebContents, permission: string, callback: (granted: boolean) => void) => void): void;
  }

  export const app: App;
  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const contextBridge: ContextBridge;
  export const safeStorage: SafeStorage;
  export const utilityProcess: UtilityProcessStatic;
  export const session: { defaultSession: Session };
  export const shell: { openExternal(url: string): Promise<void> };
}

declare namespace NodeJS {
  interface Process {
    /** Electron: the packaged app's resources folder (extraResources land here). */
    readonly resourcesPath: string;
  }
}
