/**
 * Electron adapter: runs a child entry (the worker, the bundler) in a utilityProcess — a Node.js
 * child that Electron manages and tears down with the app. child_process.fork would not do
 * here: in a packaged app process.execPath is the app itself.
 */
import type * as Electron from 'electron';
import { forwardLines, type LaunchChildProcess } from '../child-process/child-process-handle';

/** Builds a launcher for a built entry (e.g. out/main/worker-process.js). */
export function createUtilityProcessLauncher<In, Out>(
  utilityProcess: typeof Electron.utilityProcess,
  entry: string,
  serviceName: string,
  env: Record<string, string> = {},
  execArgv: readonly string[] = [],
): LaunchChildProcess<In, Out> {
  return () => {
    const child: Electron.UtilityProcess = utilityProcess.fork(entry, [], {
      stdio: 'pipe',
      serviceName,
      env: { ...process.env, ...env },
      execArgv: [...execArgv],
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: Out) => listener(message)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      onOutput: (listener) => {
        child.stdout?.on('data', forwardLines(listener));
        child.stderr?.on('data', forwardLines(listener));
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
