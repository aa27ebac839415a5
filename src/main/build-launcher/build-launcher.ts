/**
 * A worker's real builds, started by a small process of its own (build-launcher-process.ts) rather
 * than by the worker: `spawn` forks its caller, and forking a worker of ~265 MiB took ~17 ms of its
 * main thread per build, the thread that also runs the workflow tasks (issue 12). `spawn` here has
 * the shape of child_process.spawn for what a build uses: a pid once started, output, 'exit',
 * 'close', 'error' and `kill`. The tree of a build is still signalled by pid from the worker
 * (process-tree.ts).
 *
 * If the launcher cannot be started (no entry file next to this one's bundle), builds are spawned
 * in-process as before. If it dies, the builds it relayed fail with LAUNCHER_LOST (retryable) and the
 * next build starts a new one.
 */
import { fork, spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { childProcessEnv, resolveChildEntry } from '../child-process/child-process-handle';
import {
  LAUNCHER_LOST,
  type BuildOutput,
  type BuildProcess,
  type SpawnBuild,
} from '../activities/build-process';
import type { FromLauncher, LaunchOptions, StdioKind, ToLauncher } from './build-launcher-protocol';

export class BuildLauncher {
  private launcher: Promise<ChildProcess | undefined> | undefined;
  private nextId = 1;
  private readonly running = new Map<number, LaunchedProcess>();

  constructor(
    private readonly location: { entry: string; execArgv: string[] } = resolveChildEntry(
      import.meta.url,
      'build-launcher-process',
    ),
    private readonly fallback: SpawnBuild = nodeSpawn,
  ) {}

  /** Starts a build process through the launcher; resolves once it has a pid (or failed to start). */
  readonly spawn = async (
    program: string,
    args: readonly string[],
    options: SpawnOptions,
  ): Promise<BuildProcess> => {
    const launcher = await (this.launcher ??= this.start());
    if (!launcher) return this.fallback(program, args, options);
    const id = this.nextId++;
    const child = new LaunchedProcess(id, options.detached === true, (message) =>
      this.send(launcher, message, id),
    );
    this.running.set(id, child);
    launcher.channel?.ref();
    this.send(launcher, {
      type: 'spawn',
      id,
      program,
      args: [...args],
      options: launchOptions(options),
    });
    await child.started;
    return child;
  };

  /** Starts the launcher process now, so the first build does not wait for it. */
  prewarm(): void {
    this.launcher ??= this.start();
  }

  /** Stops the launcher process (the builds it started are not stopped: they have their own groups). */
  stop(): void {
    void this.launcher?.then((launcher) => launcher?.kill());
    this.launcher = undefined;
  }

  private start(): Promise<ChildProcess | undefined> {
    if (!existsSync(this.location.entry)) return Promise.resolve(undefined);
    const launcher = fork(this.location.entry, [], {
      execArgv: this.location.execArgv,
      // Without the variables that could inject code into it (the builds get their own env).
      env: childProcessEnv(),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    // It must not keep the worker alive: the channel is referenced only while builds run.
    launcher.unref();
    launcher.on('message', (message: FromLauncher) => {
      if (message.type === 'ready') return;
      const child = this.running.get(message.id);
      if (message.type === 'close') this.running.delete(message.id);
      if (this.running.size === 0) launcher.channel?.unref();
      child?.receive(message);
    });
    const ready = new Promise<ChildProcess | undefined>((resolveReady) => {
      launcher.once('message', () => resolveReady(launcher));
      launcher.once('error', () => resolveReady(undefined));
      launcher.once('exit', () => resolveReady(undefined));
    });
    launcher.once('exit', (code, signal) => {
      this.launcher = undefined;
      const lost = Object.assign(
        new Error(`the build launcher process exited (${signal ?? `code ${code}`}) while the build ran`),
        { code: LAUNCHER_LOST },
      );
      for (const child of this.running.values()) child.lose(lost);
      this.running.clear();
    });
    return ready;
  }

  private send(launcher: ChildProcess, message: ToLauncher, id?: number): void {
    if (launcher.connected) launcher.send(message);
    else if (id !== undefined)
      this.running
        .get(id)
        ?.lose(Object.assign(new Error('the build launcher process is gone'), { code: LAUNCHER_LOST }));
  }
}

/** The spawn options that travel to the launcher (a build's always fit). */
function launchOptions(options: SpawnOptions): LaunchOptions {
  // Each stream as given: a stdin that is 'ignore' must stay at end of file (a script reading it
  // would otherwise wait forever on a pipe nobody writes to).
  const kind = (stdio: unknown): StdioKind => (stdio === 'ignore' ? 'ignore' : 'pipe');
  const stdio = Array.isArray(options.stdio) ? options.stdio.map(kind) : kind(options.stdio);
  return {
    cwd: options.cwd === undefined ? undefined : String(options.cwd),
    env: options.env,
    detached: options.detached,
    stdio,
    windowsHide: options.windowsHide,
    windowsVerbatimArguments: options.windowsVerbatimArguments,
  };
}

/** One build process, as the launcher reports it. */
class LaunchedProcess extends EventEmitter implements BuildProcess {
  pid: number | undefined;
  readonly stdout = new LaunchedOutput(() => this.release());
  readonly stderr = new LaunchedOutput(() => this.release());
  /** Settles once the process has a pid or could not start. */
  readonly started: Promise<void>;
  private markStarted!: () => void;
  private released = false;
  private closed = false;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly id: number,
    /** In a process group of its own, which `lose` can stop. */
    private readonly ownGroup: boolean,
    private readonly post: (message: ToLauncher) => void,
  ) {
    super();
    this.started = new Promise((resolveStarted) => (this.markStarted = resolveStarted));
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.closed) return false;
    this.post({ type: 'kill', id: this.id, signal });
    return true;
  }

  receive(message: FromLauncher): void {
    switch (message.type) {
      case 'spawned':
        this.pid = message.pid;
        this.markStarted();
        return;
      case 'error':
        this.markStarted();
        return this.deliver(() =>
          this.emit('error', Object.assign(new Error(message.message), { code: message.code })),
        );
      case 'output': {
        const data = Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
        const stream = message.stream === 'stdout' ? this.stdout : this.stderr;
        return this.deliver(() => stream.push(data));
      }
      case 'exit':
        return this.deliver(() => this.emit('exit', message.code, message.signal));
      case 'close':
        this.closed = true;
        return this.deliver(() => this.emit('close', message.code, message.signal));
    }
  }

  /**
   * The launcher exited: nobody reads this build's output or waits for its end any more, so its
   * tree is stopped (the activity's next attempt runs it again).
   */
  lose(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.markStarted();
    if (this.pid !== undefined && this.ownGroup) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    // Nobody may be listening any more: a build that stopped waiting for pipes its script left open.
    this.deliver(() => this.listenerCount('error') > 0 && this.emit('error', error));
  }

  /**
   * Events are delivered after the caller awaited `started` and listened: the launcher's messages can
   * arrive together, in one turn of the event loop, before that. Their order is kept.
   */
  private deliver(event: () => void): void {
    this.queue.push(event);
    if (this.queue.length === 1) {
      setImmediate(() => {
        for (const next of this.queue.splice(0)) next();
      });
    }
  }

  private release(): void {
    if (this.released || this.closed) return;
    this.released = true;
    this.post({ type: 'release', id: this.id });
  }
}

class LaunchedOutput extends EventEmitter implements BuildOutput {
  private destroyed = false;

  constructor(private readonly onDestroy: () => void) {
    super();
  }

  push(data: Buffer): void {
    if (!this.destroyed) this.emit('data', data);
  }

  destroy(): this {
    this.destroyed = true;
    this.onDestroy();
    return this;
  }
}
