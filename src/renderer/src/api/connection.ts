/**
 * Connection state of the transport, as the UI needs it. Electron IPC is always `open`; the
 * browser-mode WebSocket client moves through the other states.
 */
export type ConnectionState =
  /** First connection attempt in progress (or a retry attempt in progress). */
  | 'connecting'
  | 'open'
  /** The socket dropped or an attempt failed; waiting for the next retry. */
  | 'reconnecting'
  /** No access token: the page was opened without the `#token=…` the host printed. */
  | 'missing-token'
  /** The client was closed on purpose (page teardown, tests). */
  | 'closed';

export interface ConnectionInfo {
  state: ConnectionState;
  /** Failed attempts since the last successful open (0 while healthy). */
  attempt: number;
  /** True once any connection attempt has opened. */
  everConnected: boolean;
  /** Delay before the next attempt, while `reconnecting`. */
  retryInMs?: number;
}

/** A read-only, subscribable view of the connection. */
export interface ConnectionSource {
  get(): ConnectionInfo;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (info: ConnectionInfo) => void): () => void;
}

/** A connection that is always open (Electron IPC, tests). */
export function alwaysOpen(): ConnectionSource {
  const info: ConnectionInfo = { state: 'open', attempt: 0, everConnected: true };
  return { get: () => info, subscribe: () => () => {} };
}
