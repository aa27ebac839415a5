import { z } from 'zod';
import type { WorkspaceEnvironment } from './workspace-variables';

/**
 * What a worker may run, decided by the user and never by workflow input: the workspace roots
 * the user opened (builds run the package's own scripts there) and the allow-list of commands
 * definitions may name (remediation, custom steps). Anyone who reaches a Temporal frontend can
 * start a workflow with any input, so activities check every path and command against this.
 */

/** Settings key of the opened workspace roots (absolute, real paths). */
export const WORKSPACES_SETTING = 'workspaces';
/** Settings key of the command allow-list. */
export const COMMANDS_SETTING = 'commands';

/** At most this many opened workspaces and allowed commands (both are hand-curated lists). */
export const MAX_WORKSPACES = 100;
export const MAX_COMMANDS = 100;

/** An absolute folder path (POSIX `/…`, Windows `C:\…` or `\\server\share`). */
export const AbsolutePathSchema = z
  .string()
  .min(1, 'the path must not be empty')
  .max(4096, 'a path is at most 4096 characters')
  .refine((p) => !p.includes('\0'), 'a path must not contain NUL')
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'the path must be absolute',
  );

/** The opened workspace roots. */
export const WorkspaceRootsSchema = z.array(AbsolutePathSchema).max(MAX_WORKSPACES);

/** A name a definition refers to: a package script (`build`) or an allowed command (`clean`). */
export const CommandNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$/,
    'a name is 1-64 letters, digits, ":", ".", "_" or "-", starting with a letter or digit',
  );

/** One allowed command: run as `program args…` without a shell, in the package's folder. */
export const AllowedCommandSchema = z
  .object({
    name: CommandNameSchema.describe('What definitions call it, e.g. "clean"'),
    program: z
      .string()
      .trim()
      .min(1, 'the program must not be empty')
      .max(4096)
      .describe('Program to run (a name on PATH or an absolute path); no shell'),
    args: z.array(z.string().max(4096)).max(100).default([]).describe('Its arguments, passed as they are'),
    description: z.string().max(500).optional().describe('What it is for'),
  })
  .strict();
export type AllowedCommand = z.infer<typeof AllowedCommandSchema>;

/** The allow-list; names are unique. */
export const AllowedCommandsSchema = z
  .array(AllowedCommandSchema)
  .max(MAX_COMMANDS)
  .superRefine((commands, ctx) => {
    const seen = new Set<string>();
    commands.forEach((command, index) => {
      if (seen.has(command.name))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `the name "${command.name}" is used twice`,
        });
      seen.add(command.name);
    });
  });

/** What the worker process is told: the opened roots, the allowed commands, the build environment. */
export interface WorkerPolicy {
  workspaces: readonly string[];
  commands: readonly AllowedCommand[];
  /**
   * Variables the user set per workspace (real root → values, secrets resolved), added to every
   * build there. Sent in memory only, never written by the worker.
   */
  environments?: Readonly<Record<string, WorkspaceEnvironment>>;
  /**
   * Names of environment variables that hold the app's own secrets (e.g. the one the Temporal API
   * key is read from): removed from every build's environment.
   */
  secretVariables?: readonly string[];
}

/** A worker nobody opened anything for: simulated builds only. */
export const EMPTY_WORKER_POLICY: WorkerPolicy = Object.freeze({ workspaces: [], commands: [] });
