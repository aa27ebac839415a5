/**
 * The build launcher process: starts a worker's real builds for it and relays their output.
 *
 * `spawn` forks the calling process, and a fork costs in proportion to the caller's memory: ~17 ms
 * in a worker of ~265 MiB, on the thread that also runs its workflow tasks, against ~2 ms in this
 * process of ~45 MiB (benchmarks: docs/architecture/performance.md, "Sixth pass"). So it imports
 * nothing but child_process, and does nothing but this. It lives as long as its worker: when the
 * channel closes, it exits (the builds it started are in their own process groups, as before).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { FromLauncher, ToLauncher } from './build-launcher-protocol';

const children = new Map<number, ChildProcess>();
const send = (message: FromLauncher): void => {
  if (process.connected) process.send?.(message);
};

function launch(request: Extract<ToLauncher, { type: 'spawn' }>): void {
  const { id } = request;
  let child: ChildProcess;
  try {
    child = spawn(request.program, request.args, { ...request.options, shell: false });
  } catch (error) {
    send({
      type: 'error',
      id,
      message: (error as Error).message,
      code: (error as NodeJS.ErrnoException).code,
    });
    return;
  }
  children.set(id, child);
  // A program that cannot start has no pid; its 'error' follows.
  if (child.pid !== undefined) send({ type: 'spawned', id, pid: child.pid });
  child.stdout?.on('data', (data: Buffer) => send({ type: 'output', id, stream: 'stdout', data }));
  child.stderr?.on('data', (data: Buffer) => send({ type: 'output', id, stream: 'stderr', data }));
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (child.pid === undefined) children.delete(id);
    send({ type: 'error', id, message: error.message, code: error.code });
  });
  child.on('exit', (code, signal) => send({ type: 'exit', id, code, signal }));
  child.on('close', (code, signal) => {
    children.delete(id);
    send({ type: 'close', id, code, signal });
  });
}

process.on('message', (message: ToLauncher) => {
  if (message.type === 'spawn') return launch(message);
  const child = children.get(message.id);
  if (!child) return;
  if (message.type === 'kill') {
    try {
      child.kill(message.signal);
    } catch {
      // gone already
    }
  } else {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
