import type { Channel, EventName } from '../../../core/ipc/channels';
import { EVENTS } from '../../../core/ipc/channels';
import type { WorkflowBuilderApi, WireRequest } from '../../../core/ipc/api';
import type { EventPayloadOf, RequestOf, ResponseOf } from '../../../core/ipc/contract';
import { fail, type IpcErrorCode, type IpcResult } from '../../../core/ipc/result';
import type { ConnectionInfo, ConnectionSource } from './connection';

/**
 * Browser-mode client: the `WorkflowBuilderApi` over one WebSocket to the host's `/ipc`.
 *
 * - Authenticates with the subprotocols `['wb.v1', 'wb.token.<TOKEN>']` (browsers cannot set
 *   headers on a WebSocket upgrade).
 * - Correlates replies to requests by `id`; pushes `{kind:'event'}` messages to `on()` listeners.
 * - Requests made while the socket is connecting wait for it; requests made while it is down,
 *   and requests in flight when it drops, resolve with a `SERVER_UNAVAILABLE` failure — never hang.
 * - Reconnects with exponential backoff (with jitter) until `close()`.
 *
 * The WebSocket constructor is injected so the logic runs under Node tests with a fake.
 * This module must stay free of DOM types for that reason.
 */

/** First subprotocol: the wire protocol version. */
export const WIRE_SUBPROTOCOL = 'wb.v1';
/** Prefix of the second subprotocol, which carries the access token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'wb.token.';

/** `WebSocket.OPEN`. */
const OPEN = 1;

/**
 * The part of a WebSocket the client uses. The handler slots are typed `unknown` so that both
 * the DOM `WebSocket` and a test fake fit; the client assigns them and the socket calls them
 * with `{data}` (message) and `{code, reason}` (close) events.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: unknown;
  onclose: unknown;
  onerror: unknown;
  onmessage: unknown;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructorLike = new (url: string, protocols: string[]) => WebSocketLike;

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
  /** Growth per failed attempt. */
  factor: number;
  /** Relative jitter, 0..1 (0.2 = ±20 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000, factor: 2, jitter: 0.2 };

export interface WsClientOptions {
  /** `ws://host:port/ipc`. */
  url: string;
  /** The per-launch access token the host printed. */
  token: string;
  WebSocketImpl: WebSocketConstructorLike;
  backoff?: Partial<BackoffOptions>;
  /** Jitter source, [0, 1). Defaults to Math.random. */
  random?: () => number;
}

export interface WsClient extends WorkflowBuilderApi {
  readonly connection: ConnectionSource;
  /** Skips the remaining backoff delay and tries to connect now (no-op unless reconnecting). */
  retryNow(): void;
  /** Stops reconnecting, closes the socket and fails every pending request. Idempotent. */
  close(): void;
}

interface Pending {
  channel: string;
  frame: string;
  sent: boolean;
  resolve: (reply: IpcResult<unknown>) => void;
}

type Listener = (payload: unknown) => void;

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt - 1));
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base + spread));
}

function unavailable(message: string): IpcResult<never> {
  return fail('SERVER_UNAVAILABLE', message);
}

const ERROR_CODES: ReadonlySet<string> = new Set<IpcErrorCode>([
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'SERVER_UNAVAILABLE',
  'STORE_ERROR',
  'TEMPORAL_ERROR',
  'COMPILE_ERROR',
  'INTERNAL',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts a well-formed `IpcResult`; anything else becomes an INTERNAL failure. */
export function normalizeReply(reply: unknown): IpcResult<unknown> {
  if (isRecord(reply)) {
    if (reply.ok === true && 'value' in reply) return { ok: true, value: reply.value };
    const error = reply.error;
    if (reply.ok === false && isRecord(error) && typeof error.message === 'string') {
      const code =
        typeof error.code === 'string' && ERROR_CODES.has(error.code)
          ? (error.code as IpcErrorCode)
          : 'INTERNAL';
      return fail(code, error.message, typeof error.path === 'string' ? error.path : undefined);
    }
  }
  return fail('INTERNAL', 'The host sent a malformed reply.');
}

/** Creates the client and starts connecting immediately. */
export function createWsClient(options: WsClientOptions): WsClient {
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  const random = options.random ?? Math.random;
  const protocols = [WIRE_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + options.token];

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(info: ConnectionInfo) => void>();

  let info: ConnectionInfo = { state: 'connecting', attempt: 0, everConnected: false };
  let socket: WebSocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  let closed = false;

  function setInfo(next: ConnectionInfo): void {
    info = next;
    for (const listener of [...connectionListeners]) {
      try {
        listener(info);
      } catch (error) {
        console.error('connection listener failed', error);
      }
    }
  }

  function failAll(message: string): void {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.resolve(unavailable(`${message} (${entry.channel})`));
  }

  function trySend(id: number, entry: Pending): void {
    if (!socket || socket.readyState !== OPEN) return;
    try {
      socket.send(entry.frame);
      entry.sent = true;
    } catch (error) {
      pending.delete(id);
      entry.resolve(
        unavailable(`Could not send the request: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  function connect(): void {
    if (closed) return;
    retryTimer = null;
    setInfo({ state: 'connecting', attempt: info.attempt, everConnected: info.everConnected });
    let ws: WebSocketLike;
    try {
      ws = new options.WebSocketImpl(options.url, protocols);
    } catch (error) {
      // e.g. a SyntaxError for a malformed URL or protocol: count it as a failed attempt.
      console.error('WebSocket could not be created', error);
      socket = null;
      onDown('Could not open a connection to the host');
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (ws !== socket) return;
      setInfo({ state: 'open', attempt: 0, everConnected: true });
      for (const [id, entry] of pending) if (!entry.sent) trySend(id, entry);
    };
    ws.onmessage = (event: { data?: unknown }) => {
      if (ws !== socket) return;
      handleMessage(event.data);
    };
    ws.onerror = () => {
      // Browsers always follow `error` with `close`; the close handler does the work.
    };
    ws.onclose = () => {
      if (ws !== socket) return;
      socket = null;
      onDown(info.state === 'open' ? 'The connection to the host was lost' : 'Could not connect to the host');
    };
  }

  function onDown(message: string): void {
    failAll(message);
    if (closed) return;
    const attempt = info.attempt + 1;
    const delay = backoffDelay(attempt, backoff, random);
    setInfo({ state: 'reconnecting', attempt, everConnected: info.everConnected, retryInMs: delay });
    retryTimer = setTimeout(connect, delay);
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn('Ignoring a non-JSON message from the host');
      return;
    }
    if (!isRecord(message)) return;
    if (message.kind === 'reply' && typeof message.id === 'number') {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      entry.resolve(normalizeReply(message.reply));
    } else if (message.kind === 'event' && typeof message.event === 'string') {
      const set = listeners.get(message.event as EventName);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`listener for ${message.event} failed`, error);
        }
      }
    }
  }

  function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
    return new Promise<IpcResult<unknown>>((resolve) => {
      if (closed) return resolve(unavailable(`The client is closed (${channel})`));
      if (info.state !== 'open' && info.state !== 'connecting') {
        return resolve(unavailable(`Not connected to the host — reconnecting (${channel})`));
      }
      const id = nextId++;
      const wire: WireRequest = { id, channel, payload: request };
      let frame: string;
      try {
        frame = JSON.stringify(wire);
      } catch (error) {
        return resolve(
          fail(
            'INVALID_INPUT',
            `The request cannot be serialised: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
      const entry: Pending = { channel, frame, sent: false, resolve };
      pending.set(id, entry);
      trySend(id, entry);
    }) as Promise<IpcResult<ResponseOf<C>>>;
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  const connection: ConnectionSource = {
    get: () => info,
    subscribe(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };

  function retryNow(): void {
    if (closed || info.state !== 'reconnecting') return;
    if (retryTimer !== null) clearTimeout(retryTimer);
    connect();
  }

  function close(): void {
    if (closed) return;
    closed = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    if (ws) {
      try {
        ws.close(1000, 'client closed');
      } catch {
        // already closing
      }
    }
    failAll('The client was closed');
    setInfo({ state: 'closed', attempt: info.attempt, everConnected: info.everConnected });
  }

  connect();
  return { invoke, on, connection, retryNow, close };
}
