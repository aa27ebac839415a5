import {
  forkChildProcess,
  resolveChildEntry,
  type ChildProcessHandle,
  type LaunchChildProcess,
} from '../child-process/child-process-handle';
import type { HostToWorker, WorkerToHost } from './worker-protocol';

/** The worker process as the WorkerHost sees it. */
export type WorkerProcessHandle = ChildProcessHandle<HostToWorker, WorkerToHost>;

/** Starts a worker process. Injected so the Electron adapter can use utilityProcess instead. */
export type LaunchWorkerProcess = LaunchChildProcess<HostToWorker, WorkerToHost>;

/**
 * Node options of every worker process: a young generation of up to 64 MiB per semi-space instead
 * of Node's 16 MiB. A worker turns every workflow task into short-lived protobuf and activation
 * objects; with fewer scavenges, a package's cycle (build end → next build start) was 3.6–5.5 ms
 * shorter in two benchmark runs of three (docs/architecture/performance.md, "Fifth pass"). The
 * memory is committed only as the worker's allocation rate needs it.
 */
export const WORKER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];

/** `worker-process.js` next to the bundled main, else the TypeScript source through tsx. */
export function resolveWorkerEntry(): { entry: string; execArgv: string[] } {
  const location = resolveChildEntry(import.meta.url, 'worker-process');
  return { entry: location.entry, execArgv: [...WORKER_NODE_OPTIONS, ...location.execArgv] };
}

/**
 * Forks the worker under plain Node with `extraEnv` (the app passes WB_DATA_DIR), or takes the
 * process the CLI forked before loading itself (`preforkNodeWorkerProcess`) when one waits, is
 * still alive and was forked with the same `extraEnv`.
 */
export function launchWorkerProcess(extraEnv: Record<string, string> = {}): WorkerProcessHandle {
  return takePreforkedWorkerProcess(extraEnv) ?? forkChildProcess(resolveWorkerEntry(), extraEnv);
}

/** Forks the worker under plain Node (or takes a preforked one without extra environment). */
export const launchNodeWorkerProcess: LaunchWorkerProcess = () => launchWorkerProcess();

/**
 * Where a preforked worker waits. A global, not a module variable: the CLI's bootstrap and the CLI
 * itself are two bundles (out/cli/workflow-builder.mjs, out/cli/cli-main.mjs), each with its own
 * copy of this module.
 */
const PREFORKED = Symbol.for('workflow-builder.preforked-worker-process');
type PreforkedSlot = { handle: WorkerProcessHandle; env: string; exited: boolean };
const slots = globalThis as unknown as Record<typeof PREFORKED, PreforkedSlot | undefined>;

/** `extraEnv` as a comparable string. */
function envKey(extraEnv: Record<string, string>): string {
  return JSON.stringify(Object.entries(extraEnv).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Forks the worker process now, for the next `launchWorkerProcess(extraEnv)` to take: the CLI's
 * first lines call it, so the worker loads the SDK (~0.5–1 s) while the CLI loads its own modules
 * instead of after. An idle worker exits when its parent does (its IPC channel closes). Returns its pid.
 */
export function preforkNodeWorkerProcess(extraEnv: Record<string, string> = {}): number | undefined {
  const waiting = slots[PREFORKED];
  if (waiting) return waiting.handle.pid;
  const slot: PreforkedSlot = {
    handle: forkChildProcess(resolveWorkerEntry(), extraEnv),
    env: envKey(extraEnv),
    exited: false,
  };
  slot.handle.onExit(() => (slot.exited = true));
  slots[PREFORKED] = slot;
  return slot.handle.pid;
}

/** The waiting preforked worker if it suits `extraEnv`; one that does not is ended (nobody else takes it). */
function takePreforkedWorkerProcess(extraEnv: Record<string, string>): WorkerProcessHandle | undefined {
  const slot = slots[PREFORKED];
  if (slot === undefined) return undefined;
  slots[PREFORKED] = undefined;
  if (slot.exited) return undefined;
  if (slot.env === envKey(extraEnv)) return slot.handle;
  slot.handle.kill();
  return undefined;
}
