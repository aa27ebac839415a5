import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { securityHeaders } from './security-headers';
import { createStaticHandler } from './static-files';
import { createWsGateway } from './ws-gateway';

export interface BrowserHostOptions {
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  dispatch: Dispatch;
  bus: EventBus;
  /** @default 0 (any free port) */
  port?: number;
  /** @default a fresh random token per launch */
  token?: string;
}

export interface BrowserHost {
  /** The URL to open, carrying the token in its fragment (never sent in a request line). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the renderer and the IPC gateway on 127.0.0.1 only. Requests whose Host
 * is not this loopback address are refused, which closes DNS-rebinding attacks on the port.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  // A function of the port: the CSP's connect-src names this host's own WebSocket only.
  const headers = (): Record<string, string> => securityHeaders(port);
  const serveStatic = createStaticHandler(options.rendererDir, headers);
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const gateway = createWsGateway({
    token,
    dispatch: options.dispatch,
    bus: options.bus,
    allowedOrigins: () => allowedHosts().map((h) => `http://${h}`),
  });

  const server: Server = createServer((req, res) => {
    if (!allowedHosts().includes(String(req.headers.host))) {
      res.writeHead(421, { ...headers(), 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/ipc') {
      res.writeHead(426, { ...headers(), 'Content-Type': 'text/plain' }).end('WebSocket upgrade with a token required');
      return;
    }
    serveStatic(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { ...headers(), 'Content-Type': 'text/plain' }).end(error instanceof Error ? error.message : 'error');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    // Installed before anything is written: a client that resets the connection must not leave
    // an 'error' without a listener (that crashes the process).
    socket.on('error', () => socket.destroy());
    if (!allowedHosts().includes(String(req.headers.host))) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    gateway.handleUpgrade(req, socket, head);
  });

  // A malformed request or a reset before the request was read: answer 400 when the socket can
  // still be written, and never let the error escape.
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.destroyed) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
