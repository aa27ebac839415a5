import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { locateTemporalCli } from './temporal-cli.mjs';
import type { ServerStatus } from '../../core/ipc/contract';
import { ensurePrivateDir, narrowToPrivate, withPrivateUmask } from '../app/private-files';
import {
  DB_FILE_NAME,
  HTTP_API_LOCKDOWN_ARGS,
  LOG_FILE_NAME,
  resolveDevServerConfig,
  type ResolvedDevServerConfig,
  type TemporalDevServerConfig,
} from './dev-server-config';
import { registerChildForExitCleanup, unregisterChildForExitCleanup } from './exit-cleanup';
import { choosePorts, LOOPBACK } from './free-port';
import { DataDirInUseError, reapOrphanedDevServer } from './orphan-reaper';
import { removePidFile, writePidFile, type DevServerPorts } from './pid-file';
import { ServerNotReadyError, waitForServerReady } from './readiness';
import { lastServerError, openServerLog, portInUseFromOutput, readServerLogSince } from './server-log';
import { StatusEmitter } from './status-emitter';
import {
  TemporalServiceError,
  type StatusListener,
  type TemporalConnectionOptions,
  type TemporalService,
} from './temporal-service';

type PortName = keyof DevServerPorts;

/** The server could not bind a port (another process took it after we chose it). */
class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on ${LOOPBACK} is already in use`);
  }
}

/** A failure that retrying cannot fix (no binary, data folder owned by another instance): state 'unavailable'. */
class UnavailableError extends Error {}

/** stop() was called while a start was in flight: unwind quietly. */
class StartCancelledError extends Error {}

/**
 * Runs `temporal server start-dev` for the app: loopback only, a persistent SQLite db in the data
 * folder, free ports, readiness measured by real calls, automatic restart with backoff, and reaping
 * of a server orphaned by a killed app. Runs under plain Node (no Electron import).
 *
 * Lifecycle: stopped → starting → ready; an unexpected exit → starting (restart after a backoff)
 * → ready, or → crashed after `restart.maxAttempts` consecutive failures. A failed first start →
 * crashed (or unavailable when no binary was found). stop() → stopped from any state.
 */
export class TemporalDevServer implements TemporalService {
  readonly mode = 'embedded' as const;
  readonly namespace: string;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly logPath: string;

  private readonly config: ResolvedDevServerConfig;
  private readonly statusEmitter: StatusEmitter;
  /** The running child, and whether it has been ready (an exit before that is the launch's business). */
  private running: { child: ChildProcess; ready: boolean } | undefined;
  /** Ports of the last launch: restarts reuse them so connected clients find the server again. */
  private lastPorts: DevServerPorts | undefined;
  private launching: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private launchAbort: AbortController | undefined;
  /** Bumped by stop(): a launch that sees a different value stops where it is. */
  private generation = 0;
  private consecutiveFailures = 0;
  private restartCount = 0;
  private readySince: number | undefined;

  constructor(config: TemporalDevServerConfig) {
    this.config = resolveDevServerConfig(config);
    this.namespace = this.config.namespace;
    this.dataDir = resolve(this.config.dataDir);
    this.dbPath = join(this.dataDir, DB_FILE_NAME);
    this.logPath = join(this.dataDir, LOG_FILE_NAME);
    this.statusEmitter = new StatusEmitter({
      state: 'stopped',
      mode: 'embedded',
      namespace: this.namespace,
      restarts: 0,
    });
  }

  status(): ServerStatus {
    return this.statusEmitter.get();
  }

  onStatus(listener: StatusListener): () => void {
    return this.statusEmitter.subscribe(listener);
  }

  /** Pid of the running server process, if any. */
  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** Ports of the current (or last) server. */
  get ports(): DevServerPorts | undefined {
    return this.lastPorts ? { ...this.lastPorts } : undefined;
  }

  connectionOptions(): TemporalConnectionOptions {
    if (!this.lastPorts)
      throw new TemporalServiceError('The Temporal dev server has not been started yet', this.status());
    return { address: `${LOOPBACK}:${this.lastPorts.frontend}` };
  }

  async start(): Promise<ServerStatus> {
    if (this.stopping) await this.stopping;
    const current = this.status();
    if (current.state === 'ready') return current;
    // Subscribe before launching, so not even a synchronous failure is missed.
    const settled = this.nextSettledStatus();
    if (!this.launching) {
      const wasWaitingToRestart = this.restartTimer !== undefined;
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      // An explicit start after 'crashed' gets a fresh restart budget.
      if (!wasWaitingToRestart) this.consecutiveFailures = 0;
      this.launch(wasWaitingToRestart ? 'restart' : 'start');
    }
    return settled;
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopNow().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  // -------------------------------------------------------------------------------------------

  private async stopNow(): Promise<void> {
    this.generation++;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.launchAbort?.abort(new StartCancelledError('stopped'));
    const running = this.running;
    if (running) await this.terminateChild(running.child);
    await this.launching?.catch(() => {});
    // A launch may have spawned between our look at `running` and its own cancellation check.
    if (this.running) await this.terminateChild(this.running.child);
    removePidFile(this.dataDir);
    this.readySince = undefined;
    this.statusEmitter.set({
      state: 'stopped',
      pid: undefined,
      address: undefined,
      uiUrl: undefined,
      message: undefined,
    });
  }

  private launch(kind: 'start' | 'restart'): void {
    const generation = this.generation;
    // Deferred with .then() so `launching` is assigned before any of the body runs.
    const promise = Promise.resolve()
      .then(() => this.launchWithPortRetries(generation, kind))
      .catch((error: unknown) => this.onLaunchFailed(error, generation, kind))
      .finally(() => {
        if (this.launching === promise) this.launching = undefined;
      });
    this.launching = promise;
  }

  private onLaunchFailed(error: unknown, generation: number, kind: 'start' | 'restart'): void {
    if (generation !== this.generation || error instanceof StartCancelledError) return; // stop() owns the status now
    const message = error instanceof Error ? error.message : String(error);
    this.config.log(`start failed: ${message}`);
    if (error instanceof UnavailableError || error instanceof DataDirInUseError) {
      this.statusEmitter.set({ state: 'unavailable', pid: undefined, message });
    } else if (kind === 'start') {
      this.statusEmitter.set({ state: 'crashed', pid: undefined, message });
    } else {
      this.scheduleRestart(message);
    }
  }

  private async launchWithPortRetries(generation: number, kind: 'start' | 'restart'): Promise<void> {
    if (kind === 'restart') this.restartCount++;
    this.statusEmitter.set({
      state: 'starting',
      pid: undefined,
      restarts: this.restartCount,
      message:
        kind === 'start'
          ? 'Starting the Temporal dev server'
          : `Restarting the Temporal dev server (restart ${this.restartCount})`,
    });
    const binaryPath = this.resolveBinary();
    ensurePrivateDir(this.dataDir);
    narrowToPrivate(this.dbPath, `${this.dbPath}-wal`, `${this.dbPath}-shm`);
    const reaped = await reapOrphanedDevServer({
      dataDir: this.dataDir,
      dbPath: this.dbPath,
      stopTimeoutMs: this.config.stopTimeoutMs,
      log: this.config.log,
    });
    if (reaped.kind === 'reaped') this.config.log(`reaped orphaned dev server(s) ${reaped.pids.join(', ')}`);
    this.throwIfCancelled(generation);

    const names: PortName[] = this.config.ui
      ? ['frontend', 'ui', 'metrics', 'http']
      : ['frontend', 'metrics', 'http'];
    const avoid = new Set<number>();
    for (let attempt = 1; ; attempt++) {
      const preferred = { ...this.config.ports, ...this.lastPorts };
      const { ports, displaced } = await choosePorts(names, preferred, {
        avoid,
        checkPreferred: this.config.checkPortsBeforeSpawn,
      });
      for (const swap of displaced)
        this.config.log(`${swap.name} port ${swap.requested} is in use; using ${swap.chosen}`);
      this.throwIfCancelled(generation);
      try {
        await this.spawnAndWaitReady(binaryPath, ports as DevServerPorts, generation);
        return;
      } catch (error) {
        if (!(error instanceof PortInUseError)) throw error;
        if (attempt >= this.config.portAttempts) {
          throw new Error(
            `The Temporal dev server could not start: port ${error.port} on ${LOOPBACK} is in use by another program ` +
              `(${attempt} set(s) of ports tried). Free the port or configure other ports. Log: ${this.logPath}`,
          );
        }
        this.config.log(
          `${error.message}; choosing other ports (attempt ${attempt + 1} of ${this.config.portAttempts})`,
        );
        avoid.add(error.port);
        // The busy port must not come back as a "preferred" one.
        this.lastPorts = undefined;
      }
    }
  }

  private async spawnAndWaitReady(
    binaryPath: string,
    ports: DevServerPorts,
    generation: number,
  ): Promise<void> {
    const args = this.buildArgs(ports);
    const log = openServerLog(this.logPath, this.config.logMaxBytes, `${binaryPath} ${args.join(' ')}`);
    this.throwIfCancelled(generation);
    let child: ChildProcess;
    try {
      // Under a 0077 umask the server creates temporal.db (and its -wal/-shm) as 0600.
      child = withPrivateUmask(() => spawn(binaryPath, args, {
        // A file descriptor, not a pipe: see server-log.ts.
        stdio: ['ignore', log.fd, log.fd],
        // Own process group: a Ctrl+C in the terminal reaches the app, which then stops the server
        // in order, instead of killing the server under a live app.
        detached: process.platform !== 'win32',
        windowsHide: true,
      }));
    } finally {
      closeSync(log.fd);
    }
    const pid = child.pid;
    if (pid === undefined) {
      const spawnError = await new Promise<Error>((resolveError) => child.once('error', resolveError));
      throw new UnavailableError(
        `Cannot run the Temporal CLI at ${binaryPath}: ${spawnError.message}. Run \`npm run provision\` or set TEMPORAL_CLI_PATH.`,
      );
    }
    const running = { child, ready: false };
    this.running = running;
    this.lastPorts = ports;
    registerChildForExitCleanup(pid);
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => reject(new ServerExitedError(code, signal)));
    });
    exited.catch(() => {}); // observed below during start; after that, onChildExit handles exits
    child.once('exit', (code, signal) => this.onChildExit(running, code, signal, log.offset));
    writePidFile(this.dataDir, {
      pid,
      ownerPid: process.pid,
      ports,
      binaryPath,
      dbPath: this.dbPath,
      startedAt: new Date().toISOString(),
    });
    const address = `${LOOPBACK}:${ports.frontend}`;
    this.statusEmitter.set({
      state: 'starting',
      pid,
      address,
      uiUrl: ports.ui ? `http://${LOOPBACK}:${ports.ui}` : undefined,
    });

    const abort = new AbortController();
    this.launchAbort = abort;
    try {
      await Promise.race([
        waitForServerReady({
          connection: { address },
          namespace: this.namespace,
          deadline: Date.now() + this.config.readyTimeoutMs,
          signal: abort.signal,
          initialDelayMs: 250,
        }),
        exited,
      ]);
    } catch (error) {
      abort.abort();
      this.throwIfCancelled(generation);
      if (error instanceof ServerExitedError) {
        const output = readServerLogSince(this.logPath, log.offset);
        const busyPort = portInUseFromOutput(output);
        if (busyPort !== undefined) throw new PortInUseError(busyPort);
        throw new Error(
          `The Temporal dev server exited during start (${error.message}): ${lastServerError(output) ?? 'no error logged'}. Log: ${this.logPath}`,
        );
      }
      await this.terminateChild(child);
      if (error instanceof ServerNotReadyError) {
        throw new Error(
          `The Temporal dev server on ${address} did not become ready within ${Math.round(this.config.readyTimeoutMs / 1000)} s ` +
            `(${error.message}). Log: ${this.logPath}`,
        );
      }
      throw error;
    } finally {
      if (this.launchAbort === abort) this.launchAbort = undefined;
    }
    this.throwIfCancelled(generation);
    running.ready = true;
    this.readySince = Date.now();
    this.statusEmitter.set({ state: 'ready', message: undefined });
  }

  private onChildExit(
    running: { child: ChildProcess; ready: boolean },
    code: number | null,
    signal: NodeJS.Signals | null,
    logOffset: number,
  ): void {
    if (running.child.pid !== undefined) unregisterChildForExitCleanup(running.child.pid);
    if (this.running !== running) return;
    this.running = undefined;
    // Before ready, the launch sees the exit through its own race and decides (port retry, failure).
    if (!running.ready || this.stopping) return;
    removePidFile(this.dataDir);
    const why = new ServerExitedError(code, signal).message;
    const logged = lastServerError(readServerLogSince(this.logPath, logOffset));
    this.config.log(`dev server exited unexpectedly: ${why}${logged ? ` — ${logged}` : ''}`);
    this.scheduleRestart(logged ? `${why}: ${logged}` : why);
  }

  private scheduleRestart(reason: string): void {
    const { maxAttempts, initialDelayMs, maxDelayMs, resetAfterMs } = this.config.restart;
    if (this.readySince !== undefined && Date.now() - this.readySince >= resetAfterMs)
      this.consecutiveFailures = 0;
    this.readySince = undefined;
    this.consecutiveFailures++;
    if (this.consecutiveFailures > maxAttempts) {
      this.statusEmitter.set({
        state: 'crashed',
        pid: undefined,
        message:
          `The Temporal dev server failed ${this.consecutiveFailures} times in a row and is not restarted again ` +
          `(last: ${reason}). Log: ${this.logPath}`,
      });
      return;
    }
    const delay = Math.min(initialDelayMs * 2 ** (this.consecutiveFailures - 1), maxDelayMs);
    this.statusEmitter.set({
      state: 'starting',
      pid: undefined,
      message: `The Temporal dev server stopped unexpectedly (${reason}); restarting in ${delay} ms (attempt ${this.consecutiveFailures} of ${maxAttempts})`,
    });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.launch('restart');
    }, delay);
  }

  private buildArgs(ports: DevServerPorts): string[] {
    const args = [
      'server',
      'start-dev',
      '--ip',
      LOOPBACK,
      '--port',
      String(ports.frontend),
      '--metrics-port',
      String(ports.metrics),
      '--http-port',
      String(ports.http),
      '--db-filename',
      this.dbPath,
      '--namespace',
      this.namespace,
      '--log-format',
      'json',
      '--log-level',
      this.config.logLevel,
    ];
    if (this.config.ui && ports.ui !== undefined)
      args.push('--ui-ip', LOOPBACK, '--ui-port', String(ports.ui));
    else args.push('--headless');
    for (const [name, value] of Object.entries(this.config.sqlitePragmas))
      args.push('--sqlite-pragma', `${name}=${value}`);
    for (const [name, value] of Object.entries(this.config.dynamicConfig))
      args.push('--dynamic-config-value', `${name}=${value}`);
    args.push(...HTTP_API_LOCKDOWN_ARGS);
    args.push(...this.config.extraArgs);
    return args;
  }

  private resolveBinary(): string {
    if (this.config.binaryPath) return this.config.binaryPath;
    const location = locateTemporalCli(
      this.config.resourcesPath ? { resourcesPath: this.config.resourcesPath } : {},
    );
    if (location.cli) return location.cli.path;
    throw new UnavailableError(
      location.message ?? 'Temporal CLI not found. Run `npm run provision` or set TEMPORAL_CLI_PATH.',
    );
  }

  /** SIGTERM, SIGKILL after `stopTimeoutMs`; resolves once the child has exited. */
  private async terminateChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.config.log(
        `dev server pid ${child.pid} ignored SIGTERM for ${this.config.stopTimeoutMs} ms; sending SIGKILL`,
      );
      child.kill('SIGKILL');
    }, this.config.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private throwIfCancelled(generation: number): void {
    if (generation !== this.generation) throw new StartCancelledError('stopped');
  }

  private nextSettledStatus(): Promise<ServerStatus> {
    return new Promise((resolveStatus, reject) => {
      const unsubscribe = this.onStatus((status) => {
        if (status.state === 'ready') {
          unsubscribe();
          resolveStatus(status);
        } else if (
          status.state === 'crashed' ||
          status.state === 'unavailable' ||
          status.state === 'stopped'
        ) {
          unsubscribe();
          const message =
            status.message ??
            (status.state === 'stopped'
              ? 'The Temporal dev server was stopped before it became ready'
              : `The Temporal dev server is ${status.state}`);
          reject(new TemporalServiceError(message, status));
        }
      });
    });
  }
}

/** The child exited (during start: a failed start; after ready: a crash). */
class ServerExitedError extends Error {
  constructor(code: number | null, signal: NodeJS.Signals | null) {
    super(signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`);
  }
}
