import { EMPTY_WORKER_POLICY, type WorkerPolicy } from '../../core/settings/worker-policy';
import {
  launchNodeWorkerProcess,
  type LaunchWorkerProcess,
  type WorkerProcessHandle,
} from './launch-worker-process';
import type { WorkerConnection, WorkerSpec, WorkerToHost } from './worker-protocol';
import { markStartup } from '../app/startup-timings';

export type WorkerHostState = 'stopped' | 'starting' | 'ready' | 'crashed';

export interface WorkerHostOptions {
  /** How to reach Temporal; asked at every (re)start so a reconnected server is picked up. */
  connection: () => WorkerConnection;
  /** The workers to run; asked at every (re)start so new bundles are loaded by a restart. */
  workers: () => WorkerSpec[];
  /**
   * The workspaces the user opened and the allowed commands: sent at every (re)start, and again by
   * `policyChanged()`. Activities refuse every other root or command. @default nothing opened
   */
  policy?: () => WorkerPolicy;
  /** @default launchNodeWorkerProcess */
  launch?: LaunchWorkerProcess;
  /** Time allowed for bundling and connecting. @default 120000 */
  startTimeoutMs?: number;
  /** Time allowed for in-flight activities to finish on stop before the process is killed. @default 10000 */
  stopTimeoutMs?: number;
  /** Crash restarts before giving up. @default 5 */
  maxRestarts?: number;
  /** First restart delay, doubled each time. @default 500 */
  restartBackoffMs?: number;
  onState?: (state: WorkerHostState, message?: string) => void;
  onLog?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * Runs the Temporal worker in its own process and keeps it alive: restarted with backoff when
 * it crashes, replaced gracefully by `restart()` when its workflow bundles change.
 */
export class WorkerHost {
  private child: WorkerProcessHandle | undefined;
  private currentState: WorkerHostState = 'stopped';
  private restarts = 0;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  /** A process forked ahead of its start (prewarm): it loads its modules while the host compiles. */
  private warm: WorkerProcessHandle | undefined;

  constructor(private readonly options: WorkerHostOptions) {}

  get state(): WorkerHostState {
    return this.currentState;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the worker process; resolves once every worker polls its task queue. */
  start(): Promise<void> {
    this.stopping = false;
    this.starting ??= this.spawn().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /**
   * Forks the worker process now and keeps it idle until start() sends its specs: loading the SDK
   * and the activities (about a second) then overlaps connecting, compiling and bundling instead of
   * following them. A no-op when a process runs or is already warm.
   */
  prewarm(): void {
    if (this.child || this.warm || this.starting) return;
    const child = this.launchChild();
    this.warm = child;
    child.onExit(() => {
      if (this.warm === child) this.warm = undefined;
    });
  }

  private launchChild(): WorkerProcessHandle {
    const child = (this.options.launch ?? launchNodeWorkerProcess)();
    child.onOutput((line) => this.options.onLog?.('info', line));
    return child;
  }

  /** Sends the current policy to the running worker process (a start sends it anyway). */
  policyChanged(): void {
    this.child?.send({ type: 'policy', policy: this.currentPolicy() });
  }

  private currentPolicy(): WorkerPolicy {
    return this.options.policy?.() ?? EMPTY_WORKER_POLICY;
  }

  /** Stops gracefully (workers drain), then starts again with the current specs. */
  async restart(): Promise<void> {
    await this.stopRunning();
    await this.start();
  }

  /** Stops the worker: asks it to shut down, kills it after `stopTimeoutMs`; a warm one is ended too. */
  async stop(): Promise<void> {
    const warm = this.warm;
    this.warm = undefined;
    if (warm) {
      // Idle: it has no worker and no activity to drain. Its exit is awaited only briefly: a
      // process that already ended (or a launcher that never reports an exit) must not hold quit.
      let timer: NodeJS.Timeout | undefined;
      const exited = new Promise<void>((resolve) => {
        warm.onExit(() => resolve());
        timer = setTimeout(resolve, Math.min(this.options.stopTimeoutMs ?? 10_000, 2_000));
      });
      warm.kill('SIGKILL');
      await exited;
      clearTimeout(timer);
    }
    await this.stopRunning();
  }

  private async stopRunning(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) {
      this.setState('stopped');
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 10_000);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ type: 'shutdown' });
    });
    this.child = undefined;
    this.setState('stopped');
  }

  private spawn(): Promise<void> {
    this.setState('starting');
    markStartup(
      this.warm ? `worker process (prewarmed, pid ${this.warm.pid}) gets its specs` : 'worker process spawn',
    );
    const child = this.warm ?? this.launchChild();
    this.warm = undefined;
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const timeout = setTimeout(() => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        reject(
          new Error(
            `Worker process did not become ready within ${this.options.startTimeoutMs ?? 120_000} ms`,
          ),
        );
      }, this.options.startTimeoutMs ?? 120_000);
      child.onMessage((message: WorkerToHost) => {
        if (message.type === 'log') this.options.onLog?.(message.level, message.message);
        if (message.type === 'ready' && !settled) {
          settled = true;
          clearTimeout(timeout);
          this.restarts = 0;
          markStartup('worker process ready');
          this.setState('ready');
          resolve();
        }
        if (message.type === 'failed' && !settled) {
          settled = true;
          clearTimeout(timeout);
          reject(new Error(`Worker process failed to start: ${message.message}`));
        }
      });
      child.onExit((code) => {
        clearTimeout(timeout);
        if (this.child === child) this.child = undefined;
        if (!settled) {
          settled = true;
          if (this.stopping) {
            // stop() while starting: an expected end, not a crash.
            this.setState('stopped');
            reject(new Error('Worker process stopped before it was ready'));
            return;
          }
          this.setState('crashed', `Worker process exited with code ${String(code)} before it was ready`);
          reject(new Error(`Worker process exited with code ${String(code)} before it was ready`));
          return;
        }
        if (!this.stopping) this.scheduleRestart(code);
      });
      child.send({
        type: 'start',
        connection: this.options.connection(),
        workers: this.options.workers(),
        policy: this.currentPolicy(),
      });
    });
  }

  private scheduleRestart(code: number | null): void {
    const max = this.options.maxRestarts ?? 5;
    if (this.restarts >= max) {
      this.setState(
        'crashed',
        `Worker process crashed ${max + 1} times (last exit code ${String(code)}); not restarting`,
      );
      return;
    }
    const delay = (this.options.restartBackoffMs ?? 500) * 2 ** this.restarts;
    this.restarts += 1;
    this.setState('crashed', `Worker process exited with code ${String(code)}; restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.start().catch((error: unknown) => {
        this.options.onLog?.('error', error instanceof Error ? error.message : String(error));
        if (!this.stopping) this.scheduleRestart(null);
      });
    }, delay);
  }

  private setState(state: WorkerHostState, message?: string): void {
    this.currentState = state;
    this.options.onState?.(state, message);
  }
}
