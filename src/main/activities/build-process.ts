/**
 * What a real build's process looks like to `buildPackage`: the part of a ChildProcess it uses.
 * child_process.spawn starts one; so does the app worker's build launcher (build-launcher.ts),
 * which resolves once the process has a pid.
 */
import type { SpawnOptions } from 'node:child_process';

/** The error code of a build whose launcher process exited under it: retryable, not the build's fault. */
export const LAUNCHER_LOST = 'ELAUNCHERLOST';

/** The part of a started process a build uses; a ChildProcess has it too. */
export interface BuildProcess {
  readonly pid?: number | undefined;
  readonly stdout: BuildOutput | null;
  readonly stderr: BuildOutput | null;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): this;
  once(event: 'error', listener: (error: NodeJS.ErrnoException) => void): this;
  once(event: 'exit' | 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface BuildOutput {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  destroy(): unknown;
}

export type SpawnBuild = (
  program: string,
  args: readonly string[],
  options: SpawnOptions,
) => BuildProcess | Promise<BuildProcess>;
