/**
 * Electron adapter: runs the worker in a utilityProcess (a Node.js child that Electron manages
 * and tears down with the app) instead of child_process.fork.
 */
import type * as Electron from 'electron';
import type { LaunchWorkerProcess } from '../worker-host/launch-worker-process';
import type { WorkerToHost } from '../worker-host/worker-protocol';

/** Builds the launcher for a built worker entry (out/main/worker-process.js). */
export function createUtilityProcessLauncher(utilityProcess: typeof Electron.utilityProcess, entry: string): LaunchWorkerProcess {
  return () => {
    const child: Electron.UtilityProcess = utilityProcess.fork(entry, [], { stdio: 'pipe', serviceName: 'workflow-builder worker' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: WorkerToHost) => listener(message)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      onOutput: (listener) => {
        const forward = (chunk: Buffer | string): void => {
          for (const line of String(chunk).split('\n')) if (line.trim() !== '') listener(line);
        };
        child.stdout?.on('data', forward);
        child.stderr?.on('data', forward);
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
