/**
 * The build daemon: a Temporal dev server and a warm worker process that outlive one `build`.
 *
 * A CLI `build` is a new process every time, and on two cores a fresh worker process needs ~1.3 s
 * before its first workflow can run (docs/architecture/performance.md, "Eighth pass"). The daemon
 * keeps the data folder's embedded server and one worker running between commands, the way turbo's
 * and nx's daemons keep their state warm; each `build` attaches over a loopback connection, hands
 * the worker its bundles and workspace, runs, and detaches.
 *
 * What it may build is decided by its clients, connected now: the worker's policy is the union of
 * the connected commands' policies, so a workspace is opened while the command that built it runs
 * and closed when it ends. An idle daemon builds nowhere, and exits after `idleMs`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { WorkerPolicy } from '../../core/settings/worker-policy';
import type { TemporalService } from '../dev-server/temporal-service';
import { LOOPBACK } from '../dev-server/free-port';
import { launchWorkerProcess, type LaunchWorkerProcess } from '../worker-host/launch-worker-process';
import { toWorkerConnection } from '../worker-host/worker-connection';
import { WorkerHost } from '../worker-host/worker-host';
import type { WorkerSpec } from '../worker-host/worker-protocol';
import { onLines, sendLine, type ClientToDaemon } from './daemon-protocol';
import { mergeClientPolicies } from './daemon-policy';
import { removeDaemonRecord, writeDaemonRecord, type DaemonRecord } from './daemon-record';

export interface BuildDaemonOptions {
  dataDir: string;
  version: string;
  /** Exit after this long without a connected client. */
  idleMs: number;
  /** The data folder's embedded server (or, in tests, any server). */
  temporal: TemporalService;
  /** @default a Node worker process with WB_DATA_DIR */
  launchWorker?: LaunchWorkerProcess;
  /** Time a connection has to say hello. @default 5000 */
  helloTimeoutMs?: number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** One attached command: what it asked the worker to run, and where it builds. */
interface Client {
  id: number;
  policy?: WorkerPolicy;
  env?: Record<string, string>;
  /** The specs it is served with (set once served). */
  specsKey?: string;
}

export class BuildDaemon {
  private readonly token = randomBytes(32).toString('hex');
  private readonly clients = new Map<Socket, Client>();
  private readonly workerHost: WorkerHost;
  private server: Server | undefined;
  private record: DaemonRecord | undefined;
  private specs: WorkerSpec[] = [];
  private specsKey: string | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextClientId = 1;
  /** Serve requests one at a time: each may restart the one worker. */
  private serving: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private resolveClosed!: () => void;
  /** Resolves once the daemon has shut down. */
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(private readonly options: BuildDaemonOptions) {
    this.workerHost = new WorkerHost({
      connection: () => toWorkerConnection(options.temporal.connectionOptions(), options.temporal.namespace),
      workers: () => this.specs,
      policy: () => this.policy(),
      launch: options.launchWorker ?? (() => launchWorkerProcess({ WB_DATA_DIR: options.dataDir })),
      onState: (state, message) => {
        options.log(
          state === 'crashed' ? 'error' : 'info',
          `worker ${state}${message ? `: ${message}` : ''}`,
        );
        if (state === 'crashed') {
          for (const socket of this.clients.keys())
            sendLine(socket, { type: 'worker-state', state, ...(message ? { message } : {}) });
        }
      },
      onLog: options.log,
    });
  }

  /** Starts the server and the worker process (idle until a client's specs), then listens. */
  async start(): Promise<DaemonRecord> {
    const { temporal } = this.options;
    // The worker process loads its modules while the server starts.
    this.workerHost.prewarm();
    await temporal.start();
    temporal.onStatus((status) => {
      if (this.stopping) return;
      if (status.state === 'crashed' || status.state === 'stopped') {
        this.options.log('error', `the Temporal server ${status.state}: ${status.message ?? ''}; stopping`);
        void this.shutdown();
      }
    });
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the control port has no address');
    this.record = {
      pid: process.pid,
      port: address.port,
      token: this.token,
      version: this.options.version,
      temporal: { address: temporal.connectionOptions().address, namespace: temporal.namespace },
      startedAt: new Date().toISOString(),
    };
    writeDaemonRecord(this.options.dataDir, this.record);
    this.armIdleTimer();
    this.options.log(
      'info',
      `listening on ${LOOPBACK}:${address.port}; Temporal at ${this.record.temporal.address}`,
    );
    return this.record;
  }

  /** Stops listening, drops the clients, stops the worker and the server; idempotent. */
  shutdown(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.idleTimer);
      removeDaemonRecord(this.options.dataDir, process.pid);
      this.server?.close();
      for (const socket of this.clients.keys()) socket.destroy();
      this.clients.clear();
      await this.workerHost.stop().catch(() => undefined);
      await this.options.temporal.stop().catch(() => undefined);
      this.options.log('info', 'stopped');
      this.resolveClosed();
    })();
    return this.stopping;
  }

  /** A connection: it must say hello with the token first, then it is a client until it closes. */
  private accept(socket: Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    let client: Client | undefined;
    const helloTimer = setTimeout(() => socket.destroy(), this.options.helloTimeoutMs ?? 5_000);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(helloTimer);
      if (client === undefined) return;
      this.clients.delete(socket);
      this.options.log('info', `client ${client.id} left (${this.clients.size} connected)`);
      // Its workspaces close with it.
      this.workerHost.policyChanged();
      if (this.clients.size === 0) this.armIdleTimer();
    });
    onLines(socket, (raw) => {
      const message = raw as ClientToDaemon;
      if (client === undefined) {
        if (message.type !== 'hello' || !this.tokenMatches(message.token)) {
          socket.destroy();
          return;
        }
        clearTimeout(helloTimer);
        clearTimeout(this.idleTimer);
        client = { id: this.nextClientId++ };
        this.clients.set(socket, client);
        this.options.log('info', `client ${client.id} attached (${this.clients.size} connected)`);
        sendLine(socket, {
          type: 'welcome',
          pid: process.pid,
          version: this.options.version,
          temporal: this.record!.temporal,
        });
        return;
      }
      this.handle(socket, client, message);
    });
  }

  private handle(socket: Socket, client: Client, message: ClientToDaemon): void {
    switch (message.type) {
      case 'serve':
        this.serving = this.serving.then(() => this.serve(socket, client, message));
        return;
      case 'policy':
        client.policy = message.policy;
        this.workerHost.policyChanged();
        return;
      case 'stop': {
        const others = this.clients.size - 1;
        if (message.ifIdle && others > 0) {
          sendLine(socket, { type: 'not-stopping', clients: others });
          return;
        }
        sendLine(socket, { type: 'stopping' });
        this.options.log('info', `stop asked by client ${client.id}`);
        void this.shutdown();
        return;
      }
      default:
        socket.destroy();
    }
  }

  private async serve(
    socket: Socket,
    client: Client,
    message: Extract<ClientToDaemon, { type: 'serve' }>,
  ): Promise<void> {
    if (socket.destroyed || this.stopping) return;
    const key = JSON.stringify(message.workers);
    const othersServed = [...this.clients.values()].filter((c) => c !== client && c.specsKey !== undefined);
    if (key !== this.specsKey && othersServed.length > 0) {
      sendLine(socket, {
        type: 'busy',
        message:
          `the build daemon (pid ${process.pid}) is running ${othersServed.length} other build(s) ` +
          'with other workflow definitions; wait for them to end, or build with --no-daemon and another --data-dir',
      });
      return;
    }
    client.policy = message.policy;
    client.env = message.env;
    client.specsKey = key;
    try {
      let restarted = false;
      if (key === this.specsKey && this.workerHost.state === 'ready') {
        // The policy message reaches the worker over its IPC channel before this reply reaches the
        // client, so before any workflow the client starts can ask the worker to build.
        this.workerHost.policyChanged();
      } else {
        this.specs = message.workers;
        this.specsKey = key;
        restarted = true;
        // On a stopped host, restart() is a start that takes the prewarmed process.
        await this.workerHost.restart();
      }
      this.options.log(
        'info',
        `client ${client.id} served (${restarted ? 'worker restarted' : 'worker warm'})`,
      );
      sendLine(socket, { type: 'ready', workerPid: this.workerHost.pid, restarted });
    } catch (error) {
      this.specsKey = undefined;
      sendLine(socket, { type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** What the worker may do: what the connected clients opened (daemon-policy.ts). */
  private policy(): WorkerPolicy {
    return mergeClientPolicies([...this.clients.values()]);
  }

  private tokenMatches(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.clients.size > 0) return;
      this.options.log('info', `idle for ${this.options.idleMs} ms; stopping`);
      void this.shutdown();
    }, this.options.idleMs);
  }
}
