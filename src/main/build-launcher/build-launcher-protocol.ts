/**
 * Messages between a worker and its build launcher process (see build-launcher.ts). One build
 * process per `id`; its output, exit and close come back in the order they happened.
 */

export type StdioKind = 'ignore' | 'pipe';

/** What `child_process.spawn` takes from a build, all of it plain data. */
export interface LaunchOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  detached?: boolean;
  /** As given to spawn: a build's is `['ignore', 'pipe', 'pipe']` (its stdin at end of file). */
  stdio: StdioKind | StdioKind[];
  windowsHide?: boolean;
  windowsVerbatimArguments?: boolean;
}

export type ToLauncher =
  | { type: 'spawn'; id: number; program: string; args: string[]; options: LaunchOptions }
  /** `child.kill(signal)` (the tree is signalled by pid from the worker; this is the fallback). */
  | { type: 'kill'; id: number; signal: NodeJS.Signals }
  /** Stop reading the build's output: something it left running holds the pipes open. */
  | { type: 'release'; id: number };

export type FromLauncher =
  /** Sent once the launcher listens: a message sent before that would be dropped. */
  | { type: 'ready' }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'error'; id: number; message: string; code?: string }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; data: Uint8Array }
  | { type: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'close'; id: number; code: number | null; signal: NodeJS.Signals | null };
