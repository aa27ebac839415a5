/**
 * The build daemon's control protocol: one JSON object per line over a loopback TCP connection.
 * A client (a `workflow-builder build`) says hello with the token from the daemon's record, then
 * asks the daemon's warm worker to serve its workflow bundles and the workspace it builds in. The
 * daemon builds only in the workspaces of the clients connected now: a workspace is closed again
 * the moment its command's connection closes (docs/security.md, "Who decides what runs").
 */
import type { Socket } from 'node:net';
import type { WorkerPolicy } from '../../core/settings/worker-policy';
import type { WorkerSpec } from '../worker-host/worker-protocol';

export type ClientToDaemon =
  | { type: 'hello'; token: string }
  /**
   * Serve these workers with this policy. `env`: the client's environment, the base of the builds
   * in the client's workspaces (a build sees the shell of the command that started it, not the
   * daemon's).
   */
  | { type: 'serve'; workers: WorkerSpec[]; policy: WorkerPolicy; env: Record<string, string> }
  /** The client's workspaces or allow-list changed. */
  | { type: 'policy'; policy: WorkerPolicy }
  /** Stop now, or only when no other client is connected (`ifIdle`: the app wants the data folder). */
  | { type: 'stop'; ifIdle?: boolean };

export type DaemonToClient =
  | {
      type: 'welcome';
      pid: number;
      version: string;
      /** The daemon's embedded Temporal dev server. */
      temporal: { address: string; namespace: string };
    }
  /** The worker polls every queue asked for; `restarted`: the specs differed, so it started again. */
  | { type: 'ready'; workerPid: number | undefined; restarted: boolean }
  /** Another connected build runs other bundles on the same worker: this one cannot be served now. */
  | { type: 'busy'; message: string }
  | { type: 'failed'; message: string }
  | { type: 'stopping' }
  | { type: 'not-stopping'; clients: number }
  /** The worker crashed or stopped while the client is connected. */
  | { type: 'worker-state'; state: string; message?: string };

/** A line longer than this ends the connection: specs and a policy are a few KB. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Writes one message. */
export function sendLine(socket: Socket, message: ClientToDaemon | DaemonToClient): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

/**
 * Calls `onMessage` for each complete JSON line of `socket`; a line that is not JSON, or too long,
 * destroys the socket (a peer that does not speak the protocol gets nothing more).
 */
export function onLines(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LINE_BYTES) {
      socket.destroy();
      return;
    }
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() !== '') {
        let message: unknown;
        try {
          message = JSON.parse(line);
        } catch {
          socket.destroy();
          return;
        }
        onMessage(message);
      }
      newline = buffered.indexOf('\n');
    }
  });
}
