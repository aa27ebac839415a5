import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage, WireRequest } from '../../core/ipc';
import { fail } from '../../core/ipc';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';

/** Subprotocol every client must offer; the token rides as a second one (`wb.token.<token>`). */
export const WIRE_PROTOCOL = 'wb.v1';
const TOKEN_PREFIX = 'wb.token.';
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface WsGatewayOptions {
  token: string;
  dispatch: Dispatch;
  bus: EventBus;
  /** Origins a browser may connect from (the page this host serves). */
  allowedOrigins: () => string[];
}

/**
 * The browser-mode twin of ipcMain: the same dispatcher behind a WebSocket on /ipc.
 * The upgrade is refused (401) without the per-launch token, and (403) from a foreign page:
 * any web page can open a WebSocket to 127.0.0.1, so both checks matter.
 */
export function createWsGateway(options: WsGatewayOptions): {
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close: () => void;
} {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });

  wss.on('connection', (socket: WebSocket) => {
    // ws closes the connection itself on a bad frame (1009 too big, 1007 invalid UTF-8, 1002
    // protocol error) and then emits 'error'; without a listener that 'error' kills the process.
    socket.on('error', () => undefined);
    const unsubscribe = options.bus.subscribe((event, payload) => {
      send(socket, { kind: 'event', event, payload });
    });
    socket.on('close', unsubscribe);
    socket.on('message', (data) => {
      void handleMessage(socket, String(data), options.dispatch);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      // A refused client may reset the connection while we answer: ECONNRESET / EPIPE must not
      // reach the process as an unhandled 'error' (node's http server drops its own socket
      // listener when it hands the socket to 'upgrade').
      socket.on('error', () => socket.destroy());
      const refusal = checkUpgrade(req, options);
      if (refusal) {
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function checkUpgrade(req: IncomingMessage, options: WsGatewayOptions): string | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/ipc') return '404 Not Found';
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  if (!protocols.includes(WIRE_PROTOCOL)) return '400 Bad Request';
  const offered = protocols.find((p) => p.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? '';
  if (!tokensMatch(offered, options.token)) return '401 Unauthorized';
  const origin = req.headers.origin;
  // Non-browser clients (tests, CLI) send no Origin; a browser always does, and it must be ours.
  if (origin !== undefined && !options.allowedOrigins().includes(origin)) return '403 Forbidden';
  return undefined;
}

function tokensMatch(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function handleMessage(socket: WebSocket, text: string, dispatch: Dispatch): Promise<void> {
  let request: WireRequest;
  try {
    request = JSON.parse(text) as WireRequest;
  } catch {
    socket.close(1003, 'Malformed JSON');
    return;
  }
  if (typeof request !== 'object' || request === null || typeof request.id !== 'number') {
    socket.close(1003, 'Malformed request');
    return;
  }
  const reply =
    typeof request.channel === 'string'
      ? await dispatch(request.channel, request.payload)
      : fail('INVALID_INPUT', 'Missing channel');
  send(socket, { kind: 'reply', id: request.id, reply });
}

function send(socket: WebSocket, message: WireMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
