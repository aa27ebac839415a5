import { API_GLOBAL, type WorkflowBuilderApi } from '../../../core/ipc/api';
import { fail } from '../../../core/ipc/result';
import { alwaysOpen, type ConnectionInfo, type ConnectionSource } from './connection';
import { takeToken, type TokenEnv } from './token';
import { createWsClient, type BackoffOptions, type WebSocketConstructorLike } from './ws-client';

/**
 * Transport selection: the Electron preload's `window.workflowBuilder` when present, else the
 * browser-mode WebSocket client to `ws://<location.host>/ipc`. The rest of the renderer only
 * sees a `WorkflowBuilderApi` plus a connection source.
 */

export type TransportKind = 'electron' | 'browser';

export interface Transport {
  kind: TransportKind;
  api: WorkflowBuilderApi;
  connection: ConnectionSource;
  /** Skips the backoff wait (browser mode); no-op in Electron. */
  retryNow(): void;
  dispose(): void;
}

export interface TransportEnv extends TokenEnv {
  /** Where the preload would have exposed the API (`window`). */
  global: Record<string, unknown>;
  location: TokenEnv['location'] & { host: string; protocol: string };
  WebSocketImpl: WebSocketConstructorLike | undefined;
  backoff?: Partial<BackoffOptions>;
}

/** True when `value` looks like the preload's API object. */
export function isWorkflowBuilderApi(value: unknown): value is WorkflowBuilderApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { invoke?: unknown; on?: unknown };
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}

/** `ws://host/ipc` (or `wss://` when the page itself is served over https). */
export function ipcUrl(location: { host: string; protocol: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ipc`;
}

export const MISSING_TOKEN_MESSAGE =
  'No access token. Open the exact URL the workflow-builder host printed (it ends in #token=…); the token changes on every launch.';

function missingTokenTransport(): Transport {
  const info: ConnectionInfo = { state: 'missing-token', attempt: 0, everConnected: false };
  const api: WorkflowBuilderApi = {
    invoke: async () => fail('UNAUTHORIZED', MISSING_TOKEN_MESSAGE),
    on: () => () => {},
  };
  return {
    kind: 'browser',
    api,
    connection: { get: () => info, subscribe: () => () => {} },
    retryNow() {},
    dispose() {},
  };
}

export function selectTransport(env: TransportEnv): Transport {
  const preload = env.global[API_GLOBAL];
  if (isWorkflowBuilderApi(preload)) {
    return { kind: 'electron', api: preload, connection: alwaysOpen(), retryNow() {}, dispose() {} };
  }
  const token = takeToken(env);
  if (token === null) return missingTokenTransport();
  if (!env.WebSocketImpl) throw new Error('This browser has no WebSocket support.');
  const client = createWsClient({
    url: ipcUrl(env.location),
    token,
    WebSocketImpl: env.WebSocketImpl,
    backoff: env.backoff,
  });
  return {
    kind: 'browser',
    api: client,
    connection: client.connection,
    retryNow: () => client.retryNow(),
    dispose: () => client.close(),
  };
}
