import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The part of a child process its host uses: typed messages both ways, exit, output lines.
 * Node's fork() and Electron's utilityProcess both fit it, so hosts never know which one runs.
 */
export interface ChildProcessHandle<In, Out> {
  readonly pid: number | undefined;
  send(message: In): void;
  onMessage(listener: (message: Out) => void): void;
  onExit(listener: (code: number | null) => void): void;
  onOutput(listener: (line: string) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts one child process. Injected so the Electron adapter can use utilityProcess instead. */
export type LaunchChildProcess<In, Out> = () => ChildProcessHandle<In, Out>;

/**
 * Where a child entry is: `<name>.js` next to the bundled main (out/main) in a build, or the
 * TypeScript source beside the caller run through tsx's loader (npm start, tests, CLI).
 */
export function resolveChildEntry(callerUrl: string, name: string): { entry: string; execArgv: string[] } {
  const built = fileURLToPath(new URL(`./${name}.js`, callerUrl));
  if (existsSync(built)) return { entry: built, execArgv: [] };
  const source = fileURLToPath(new URL(`./${name}.ts`, callerUrl));
  return { entry: source, execArgv: ['--import', import.meta.resolve('tsx')] };
}

/** Environment variables never passed to a child: they could inject code into it. */
const BLOCKED_ENV_KEYS = ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'NODE_DEBUG'];

/** This process's environment plus `extraEnv`, without the variables that could inject code into a child. */
export function childProcessEnv(extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const key of BLOCKED_ENV_KEYS) delete env[key];
  return env;
}

/** Calls `listener` once per non-empty line of a stream's chunks. */
export function forwardLines(listener: (line: string) => void): (chunk: Buffer | string) => void {
  return (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim() !== '') listener(line);
  };
}

/** Forks `entry` under plain Node with an IPC channel. */
export function forkChildProcess<In, Out>(
  location: { entry: string; execArgv: string[] },
  extraEnv: Record<string, string> = {},
): ChildProcessHandle<In, Out> {
  const env = childProcessEnv(extraEnv);
  const child = fork(location.entry, [], { execArgv: location.execArgv, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as Out)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    onOutput: (listener) => {
      child.stdout?.on('data', forwardLines(listener));
      child.stderr?.on('data', forwardLines(listener));
    },
    kill: (signal) => child.kill(signal),
  };
}
