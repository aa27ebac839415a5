import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HostToWorker, WorkerToHost } from './worker-protocol';

/** The part of a child process the WorkerHost uses; Electron's utilityProcess fits it too. */
export interface WorkerProcessHandle {
  readonly pid: number | undefined;
  send(message: HostToWorker): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  onExit(listener: (code: number | null) => void): void;
  onOutput(listener: (line: string) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts a worker process. Injected so the Electron adapter can use utilityProcess instead. */
export type LaunchWorkerProcess = () => WorkerProcessHandle;

/**
 * Where the worker entry is: next to the bundled main (`out/main/worker-process.js`) in a build,
 * or the TypeScript source run through tsx's loader when running from source (npm start, tests).
 */
export function resolveWorkerEntry(): { entry: string; execArgv: string[] } {
  const built = fileURLToPath(new URL('./worker-process.js', import.meta.url));
  if (existsSync(built)) return { entry: built, execArgv: [] };
  const source = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  return { entry: source, execArgv: ['--import', import.meta.resolve('tsx')] };
}

/** Environment variables never passed to the worker: they could inject code into it. */
const BLOCKED_ENV_KEYS = ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'NODE_DEBUG'];

/** Forks the worker under plain Node. */
export const launchNodeWorkerProcess: LaunchWorkerProcess = () => {
  const { entry, execArgv } = resolveWorkerEntry();
  const env = { ...process.env };
  for (const key of BLOCKED_ENV_KEYS) delete env[key];
  const child = fork(entry, [], { execArgv, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as WorkerToHost)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    onOutput: (listener) => {
      const forward = (chunk: Buffer): void => {
        for (const line of chunk.toString().split('\n')) if (line.trim() !== '') listener(line);
      };
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);
    },
    kill: (signal) => child.kill(signal),
  };
};
