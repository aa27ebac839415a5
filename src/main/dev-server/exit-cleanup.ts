/**
 * Last-resort cleanup: when the host process exits without calling `stop()` (process.exit(), an
 * uncaught exception), send SIGTERM to every dev server we started so none outlives us. Only
 * synchronous work is possible in an 'exit' handler, so this signals and does not wait; a server
 * that survives anyway (or a SIGKILLed host) is reaped through the pid file at the next start.
 *
 * One module-level listener for all servers, so many instances (tests) don't pile up listeners.
 */
const liveChildren = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of liveChildren) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
}

export function registerChildForExitCleanup(pid: number): void {
  if (!installed) {
    process.on('exit', killAll);
    installed = true;
  }
  liveChildren.add(pid);
}

export function unregisterChildForExitCleanup(pid: number): void {
  liveChildren.delete(pid);
}
