import type { WebSocketLike } from '../../../src/renderer/src/api/ws-client';

type Handler<E> = ((event: E) => void) | null;

/**
 * A scripted WebSocket: the test plays the server with `serverOpen`, `serverSend`,
 * `serverClose` and reads what the client sent from `sent`.
 */
export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];

  static reset(): void {
    FakeWebSocket.instances = [];
  }

  static last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  }

  readyState = 0;
  onopen: Handler<unknown> = null;
  onclose: Handler<{ code: number; reason: string }> = null;
  onerror: Handler<unknown> = null;
  onmessage: Handler<{ data: unknown }> = null;
  readonly sent: string[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  /** Requests the client sent, parsed. */
  requests(): { id: number; channel: string; payload: unknown }[] {
    return this.sent.map((frame) => JSON.parse(frame) as { id: number; channel: string; payload: unknown });
  }

  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  serverSend(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  serverReply(id: number, reply: unknown): void {
    this.serverSend({ kind: 'reply', id, reply });
  }

  /** Drops the connection (browsers fire `error` then `close`). */
  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code, reason: '' });
  }
}
