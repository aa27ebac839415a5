/**
 * A command's side of the build daemon: find the data folder's daemon (or start one), check it
 * runs this build of workflow-builder, and talk to it (daemon-protocol.ts).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, renameSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { WorkerPolicy } from '../../core/settings/worker-policy';
import { ensurePrivateDir } from '../app/private-files';
import { childProcessEnv, resolveChildEntry } from '../child-process/child-process-handle';
import { LOOPBACK } from '../dev-server/free-port';
import { isProcessAlive, waitForProcessExit } from '../dev-server/process-inspection';
import type { WorkerSpec } from '../worker-host/worker-protocol';
import { onLines, sendLine, type DaemonToClient } from './daemon-protocol';
import { readDaemonRecord, type DaemonRecord } from './daemon-record';

/** A daemon's log beyond this size is moved to `build-daemon.log.1` when the next daemon starts. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** Where a daemon started by a command writes its log. */
export function daemonLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'build-daemon.log');
}

/** An attached command: its connection to the daemon, open while the command runs. */
export class DaemonConnection {
  private readonly waiting: ((message: DaemonToClient) => boolean)[] = [];
  private readonly stateListeners = new Set<(state: string, message?: string) => void>();
  private closedByUs = false;

  private constructor(
    private readonly socket: Socket,
    /** The daemon's pid, version and Temporal server, from its welcome. */
    readonly daemon: Extract<DaemonToClient, { type: 'welcome' }>,
  ) {
    socket.on('close', () => {
      if (!this.closedByUs)
        for (const listener of this.stateListeners) listener('crashed', 'the build daemon went away');
    });
  }

  /** Connects and says hello; rejects when the daemon does not answer within `timeoutMs`. */
  static async open(record: DaemonRecord, timeoutMs = 3_000): Promise<DaemonConnection> {
    const socket = connect({ host: LOOPBACK, port: record.port });
    return await new Promise<DaemonConnection>((resolve, reject) => {
      let connection: DaemonConnection | undefined;
      const fail = (why: string): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`the build daemon (pid ${record.pid}) ${why}`));
      };
      const timer = setTimeout(() => fail(`did not answer within ${timeoutMs} ms`), timeoutMs);
      socket.once('error', (error) => fail(`cannot be reached: ${error.message}`));
      socket.once('close', () => {
        if (!connection) fail('closed the connection');
      });
      onLines(socket, (raw) => {
        const message = raw as DaemonToClient;
        if (connection) {
          connection.dispatch(message);
          return;
        }
        if (message.type !== 'welcome') return fail(`answered ${message.type}`);
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        connection = new DaemonConnection(socket, message);
        resolve(connection);
      });
      socket.once('connect', () => sendLine(socket, { type: 'hello', token: record.token }));
    });
  }

  /** Asks the warm worker to serve `workers` with `policy`; resolves once it polls every queue. */
  async serve(
    workers: WorkerSpec[],
    policy: WorkerPolicy,
  ): Promise<{ workerPid?: number; restarted: boolean }> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
    const answer = this.next((m) => m.type === 'ready' || m.type === 'busy' || m.type === 'failed');
    sendLine(this.socket, { type: 'serve', workers, policy, env });
    const message = await answer;
    if (message.type === 'ready') return { workerPid: message.workerPid, restarted: message.restarted };
    throw new Error(message.type === 'busy' || message.type === 'failed' ? message.message : message.type);
  }

  /** This command's workspaces or allow-list changed. */
  policy(policy: WorkerPolicy): void {
    sendLine(this.socket, { type: 'policy', policy });
  }

  /** Asks the daemon to stop (`ifIdle`: only if no other command is attached); true when it stops. */
  async stop(ifIdle = false): Promise<boolean> {
    const answer = this.next((m) => m.type === 'stopping' || m.type === 'not-stopping');
    sendLine(this.socket, { type: 'stop', ifIdle });
    return (await answer).type === 'stopping';
  }

  /** Called once if the daemon goes away while attached (not after close()). */
  onLost(listener: () => void): void {
    this.socket.once('close', () => {
      if (!this.closedByUs) listener();
    });
  }

  /** Called when the worker crashes or the daemon goes away while attached. */
  onWorkerState(listener: (state: string, message?: string) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Detaches: the daemon closes this command's workspaces. */
  close(): void {
    this.closedByUs = true;
    this.socket.end();
  }

  private dispatch(message: DaemonToClient): void {
    if (message.type === 'worker-state') {
      for (const listener of this.stateListeners) listener(message.state, message.message);
      return;
    }
    const index = this.waiting.findIndex((accepts) => accepts(message));
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /** The next message `accepts` takes; rejects if the connection closes first. */
  private next(accepts: (message: DaemonToClient) => boolean): Promise<DaemonToClient> {
    return new Promise<DaemonToClient>((resolve, reject) => {
      const onClose = (): void =>
        reject(new Error(`the build daemon (pid ${this.daemon.pid}) closed the connection`));
      this.socket.once('close', onClose);
      this.waiting.push((message) => {
        if (!accepts(message)) return false;
        this.socket.off('close', onClose);
        resolve(message);
        return true;
      });
    });
  }
}

export interface AttachOptions {
  dataDir: string;
  /** daemonVersion() of this process: a daemon running another build is stopped and replaced. */
  version: string;
  /** How long a started daemon stays without a client. */
  idleMs: number;
  /** Time allowed for a new daemon's start (its embedded server's first start included). @default 120000 */
  startTimeoutMs?: number;
  /** Progress lines for the user ("starting the build daemon…"). */
  say?: (line: string) => void;
}

/**
 * Attaches to the data folder's daemon of this version, starting one if there is none (or replacing
 * one of another version). Rejects with the reason the daemon could not start.
 */
export async function attachBuildDaemon(options: AttachOptions): Promise<DaemonConnection> {
  const running = await openRunning(options);
  if (running) return running;
  try {
    await startDaemon(options);
  } catch (error) {
    // Another command may have started one at the same moment: its daemon holds the server now.
    const raced = await openRunning(options);
    if (raced) return raced;
    throw error;
  }
  const record = readDaemonRecord(options.dataDir);
  if (!record) throw new Error('the build daemon started but wrote no record');
  return await DaemonConnection.open(record);
}

/** The running daemon of this version, if any; one of another version is stopped first. */
async function openRunning(options: AttachOptions): Promise<DaemonConnection | undefined> {
  const record = await runningDaemonRecord(options.dataDir);
  if (!record) return undefined;
  let connection: DaemonConnection;
  try {
    connection = await DaemonConnection.open(record);
  } catch {
    return undefined;
  }
  if (connection.daemon.version === options.version) return connection;
  options.say?.(`the build daemon (pid ${record.pid}) runs another build of workflow-builder: replacing it`);
  const stopping = await connection.stop(true);
  connection.close();
  if (!stopping)
    throw new Error(`the build daemon (pid ${record.pid}) of another version is busy with other builds`);
  await waitForDaemonExit(record.pid);
  return undefined;
}

/** Starts a detached daemon and waits for its one status line. */
async function startDaemon(options: AttachOptions): Promise<void> {
  const location = resolveChildEntry(import.meta.url, 'daemon-process');
  ensurePrivateDir(join(options.dataDir, 'logs'));
  const logFile = daemonLogPath(options.dataDir);
  // One earlier log is kept: a daemon logs little, but the file would otherwise only grow.
  if ((statSync(logFile, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES)
    renameSync(logFile, `${logFile}.1`);
  const log = openSync(logFile, 'a', 0o600);
  options.say?.(`starting the build daemon (log: ${logFile})`);
  const child = spawn(
    process.execPath,
    [
      ...location.execArgv,
      location.entry,
      '--data-dir',
      options.dataDir,
      '--idle-ms',
      String(options.idleMs),
    ],
    // Its working folder is the data folder, which outlives this command's.
    { detached: true, stdio: ['ignore', log, log, 'pipe'], env: childProcessEnv(), cwd: options.dataDir },
  );
  closeSync(log);
  const status = child.stdio[3] as Readable;
  try {
    await new Promise<void>((resolve, reject) => {
      let text = '';
      const timeoutMs = options.startTimeoutMs ?? 120_000;
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        reject(new Error(`the build daemon did not start within ${timeoutMs} ms (log: ${logFile})`));
      }, timeoutMs);
      status.setEncoding('utf8');
      status.on('data', (chunk: string) => (text += chunk));
      status.on('error', () => undefined);
      status.on('close', () => {
        clearTimeout(timer);
        let parsed: { ok?: boolean; message?: string } = {};
        try {
          parsed = JSON.parse(text.trim() || '{}') as typeof parsed;
        } catch {
          // Nothing usable: reported below.
        }
        if (parsed.ok === true) resolve();
        else reject(new Error(`the build daemon could not start: ${parsed.message ?? `see ${logFile}`}`));
      });
    });
  } finally {
    status.destroy();
    child.unref();
  }
}

/**
 * Stops the data folder's daemon if no command is attached to it: the app, `run` and `worker` start
 * the folder's embedded server themselves, which the daemon holds. Returns what happened.
 */
export async function stopIdleBuildDaemon(dataDir: string): Promise<'none' | 'stopped' | 'busy'> {
  const record = await runningDaemonRecord(dataDir);
  if (!record) return 'none';
  let connection: DaemonConnection;
  try {
    connection = await DaemonConnection.open(record);
  } catch {
    return 'none';
  }
  const stopping = await connection.stop(true).catch(() => false);
  connection.close();
  if (!stopping) return 'busy';
  await waitForDaemonExit(record.pid);
  return 'stopped';
}

/** Stops the data folder's daemon whatever it is doing (`workflow-builder daemon stop`). */
export async function stopBuildDaemon(dataDir: string): Promise<number | undefined> {
  const record = await runningDaemonRecord(dataDir);
  if (!record) return undefined;
  try {
    const connection = await DaemonConnection.open(record);
    await connection.stop(false).catch(() => false);
    connection.close();
  } catch {
    process.kill(record.pid, 'SIGTERM');
  }
  await waitForDaemonExit(record.pid);
  return record.pid;
}

/** The record of the data folder's daemon if its process runs (a zombie counts as gone). */
export async function runningDaemonRecord(dataDir: string): Promise<DaemonRecord | undefined> {
  const record = readDaemonRecord(dataDir);
  return record && (await isProcessAlive(record.pid)) ? record : undefined;
}

/** Waits for a stopped daemon's exit, or says it did not stop. */
async function waitForDaemonExit(pid: number): Promise<void> {
  const timeoutMs = 15_000;
  if (!(await waitForProcessExit(pid, timeoutMs)))
    throw new Error(`the build daemon (pid ${pid}) did not stop within ${timeoutMs} ms`);
}
