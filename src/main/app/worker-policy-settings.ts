import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { IpcFailure } from '../../core/ipc';
import {
  AllowedCommandsSchema,
  COMMANDS_SETTING,
  MAX_WORKSPACES,
  WORKSPACES_SETTING,
  WorkspaceRootsSchema,
  type AllowedCommand,
  type WorkerPolicy,
} from '../../core/settings/worker-policy';
import type { SettingsRepository } from '../store';

/**
 * The user's decisions about what the worker may run: the workspace roots they opened (kept in
 * the store) plus any opened for this session only (the CLI's --workspace), and the command
 * allow-list. Every change is reported through `onChange`, which tells the worker process.
 */
export class WorkerPolicySettings {
  private readonly session: string[];

  constructor(
    private readonly settings: Pick<SettingsRepository, 'get' | 'set'>,
    options: { sessionWorkspaces?: readonly string[]; onChange?: () => void } = {},
  ) {
    this.session = (options.sessionWorkspaces ?? []).map((dir) => checkedRoot(dir, 'workspace'));
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** Called after every change (the app sends the new policy to the worker). */
  onChange: () => void;

  /** The roots the user opened and kept (Settings → Workspaces). */
  storedWorkspaces(): string[] {
    return this.settings.get(WORKSPACES_SETTING, WorkspaceRootsSchema) ?? [];
  }

  /** Every root the worker may build in: the stored ones and this session's. */
  workspaces(): string[] {
    return [...new Set([...this.storedWorkspaces(), ...this.session])];
  }

  /**
   * Opens a workspace: the folder must exist; its real path (symlinks resolved) is kept, so the
   * activities compare real paths. Opening one twice is harmless.
   */
  open(root: string): string[] {
    const real = checkedRoot(root, 'root');
    const stored = this.storedWorkspaces();
    if (!stored.includes(real)) {
      if (stored.length >= MAX_WORKSPACES) {
        throw new IpcFailure(
          'INVALID_INPUT',
          `At most ${MAX_WORKSPACES} workspaces can be open; close one first`,
          'root',
        );
      }
      this.settings.set(WORKSPACES_SETTING, [...stored, real]);
      this.onChange();
    }
    return this.workspaces();
  }

  /** Closes a workspace (by the path it was opened under, or its real path). */
  close(root: string): string[] {
    const stored = this.storedWorkspaces();
    let real: string | undefined;
    try {
      real = realpathSync(root);
    } catch {
      real = undefined;
    }
    const kept = stored.filter((dir) => dir !== root && dir !== real);
    if (kept.length === stored.length) {
      throw new IpcFailure('NOT_FOUND', `The workspace ${root} is not open`, 'root');
    }
    this.settings.set(WORKSPACES_SETTING, kept);
    this.onChange();
    return this.workspaces();
  }

  /** The allow-list of commands definitions may name. */
  commands(): AllowedCommand[] {
    return this.settings.get(COMMANDS_SETTING, AllowedCommandsSchema) ?? [];
  }

  /** Replaces the allow-list (validated: unique names, no empty program). */
  saveCommands(commands: unknown): AllowedCommand[] {
    const parsed = AllowedCommandsSchema.safeParse(commands);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = ['commands', ...(issue?.path ?? []).map(String)].join('.');
      throw new IpcFailure('INVALID_INPUT', `${path}: ${issue?.message ?? 'invalid value'}`, path);
    }
    this.settings.set(COMMANDS_SETTING, parsed.data);
    this.onChange();
    return parsed.data;
  }

  /** What the worker process is told. */
  policy(): WorkerPolicy {
    return { workspaces: this.workspaces(), commands: this.commands() };
  }
}

/** The real path of an existing folder, or an INVALID_INPUT naming `field`. */
function checkedRoot(dir: string, field: string): string {
  if (!isAbsolute(dir) && field === 'root') {
    throw new IpcFailure('INVALID_INPUT', `${dir} is not an absolute path`, field);
  }
  const absolute = resolve(dir);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    throw new IpcFailure('INVALID_INPUT', `The folder ${absolute} does not exist`, field);
  }
  if (!statSync(real).isDirectory())
    throw new IpcFailure('INVALID_INPUT', `${absolute} is not a folder`, field);
  return real;
}
