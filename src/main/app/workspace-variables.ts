import { createHash } from 'node:crypto';
import { IpcFailure } from '../../core/ipc';
import {
  MAX_WORKSPACE_VARIABLES,
  StoredWorkspaceVariablesSchema,
  WORKSPACE_VARIABLES_SETTING,
  WorkspaceVariableEditsSchema,
  type StoredWorkspaceVariable,
  type StoredWorkspaceVariables,
  type WorkspaceEnvironment,
  type WorkspaceVariableView,
} from '../../core/settings/workspace-variables';
import type { SecretStore } from '../dev-server';
import type { SettingsRepository } from '../store';

/**
 * The variables the user sets per opened workspace (Settings → Workspaces), added to every build
 * there (docs/user-guide/build-environment.md). Plain values live in the settings; a secret value
 * goes to the secret store (OS-encrypted in the desktop app) and the settings keep only its key.
 * The worker gets the values in memory with its policy: `environments()` answers from a cache that
 * `load()` fills at start and every save refreshes, so the policy stays synchronous.
 */
export class WorkspaceVariables {
  private resolved: Record<string, WorkspaceEnvironment> = {};

  constructor(
    private readonly settings: Pick<SettingsRepository, 'get' | 'set'>,
    private readonly secrets: SecretStore,
    private readonly options: {
      /** The roots open now (stored and this session's): only those can have variables. */
      openRoots: () => readonly string[];
      /** Called after every change (the app sends the new policy to the worker). */
      onChange?: () => void;
    },
  ) {}

  /** Reads every workspace's secrets into memory (call before the worker starts). */
  async load(): Promise<void> {
    const stored = this.stored();
    const next: Record<string, WorkspaceEnvironment> = {};
    for (const [root, variables] of Object.entries(stored)) next[root] = await this.resolve(variables);
    this.resolved = next;
  }

  /** Per open workspace, its variables with secrets resolved (what the worker gets). */
  environments(): Record<string, WorkspaceEnvironment> {
    const open = new Set(this.options.openRoots());
    return Object.fromEntries(Object.entries(this.resolved).filter(([root]) => open.has(root)));
  }

  /** As Settings shows them: secret values never leave main. */
  view(): Record<string, WorkspaceVariableView[]> {
    const open = new Set(this.options.openRoots());
    return Object.fromEntries(
      Object.entries(this.stored())
        .filter(([root]) => open.has(root))
        .map(([root, variables]) => [
          root,
          variables.map((v): WorkspaceVariableView =>
            'secretKey' in v
              ? { name: v.name, secret: true }
              : { name: v.name, secret: false, value: v.value },
          ),
        ]),
    );
  }

  /** Whether secret values can be kept here, and why not (browser mode, no keyring). */
  secretStorage(): { canSave: boolean; reason?: string; description: string } {
    const check = this.secrets.canSave();
    return check.ok
      ? { canSave: true, description: this.secrets.description }
      : { canSave: false, reason: check.reason, description: this.secrets.description };
  }

  /**
   * Replaces the variables of an open workspace. A secret with a value is stored (replacing an
   * older one), a secret without one keeps the value stored before; secrets no longer used are
   * deleted from the store. Bad input is an INVALID_INPUT naming `variables.<i>.<field>`.
   */
  async save(root: string, edits: unknown): Promise<void> {
    if (!this.options.openRoots().includes(root))
      throw new IpcFailure('NOT_FOUND', `The workspace ${root} is not open (open it first)`, 'root');
    const parsed = WorkspaceVariableEditsSchema.safeParse(edits);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = ['variables', ...(issue?.path ?? []).map(String)].join('.');
      throw new IpcFailure('INVALID_INPUT', `${path}: ${issue?.message ?? 'invalid value'}`, path);
    }
    const all = this.stored();
    const before = all[root] ?? [];
    const secretKeyOf = (name: string): string | undefined => {
      const old = before.find((v) => v.name === name);
      return old && 'secretKey' in old ? old.secretKey : undefined;
    };
    // Check everything before storing anything: a refusal leaves the store as it was.
    parsed.data.forEach((v, index) => {
      if (v.secret && v.value === undefined && secretKeyOf(v.name) === undefined)
        throw new IpcFailure(
          'INVALID_INPUT',
          `variables.${index}.value: the secret ${v.name} has no stored value yet: type its value`,
          `variables.${index}.value`,
        );
    });
    if (parsed.data.some((v) => v.secret && v.value !== undefined)) {
      const check = this.secrets.canSave();
      if (!check.ok)
        throw new IpcFailure(
          'INVALID_INPUT',
          `Cannot keep a secret variable here (${firstSentence(check.reason)}). ` +
            'Set it in the environment the app or the worker starts with instead: builds inherit that environment',
          'variables',
        );
    }
    const next: StoredWorkspaceVariable[] = [];
    for (const v of parsed.data) {
      if (!v.secret) {
        next.push({ name: v.name, value: v.value ?? '' });
        continue;
      }
      const key = secretKeyOf(v.name) ?? secretKey(root, v.name);
      if (v.value !== undefined) await this.secrets.save(key, v.value);
      next.push({ name: v.name, secretKey: key });
    }
    const kept = new Set(next.flatMap((v) => ('secretKey' in v ? [v.secretKey] : [])));
    for (const old of before)
      if ('secretKey' in old && !kept.has(old.secretKey)) await this.secrets.delete(old.secretKey);
    this.settings.set(WORKSPACE_VARIABLES_SETTING, { ...all, [root]: next });
    this.resolved = { ...this.resolved, [root]: await this.resolve(next) };
    this.options.onChange?.();
  }

  /** Forgets a closed workspace's variables and deletes its secrets. */
  async forget(root: string): Promise<void> {
    const all = this.stored();
    const variables = all[root];
    if (!variables) return;
    for (const v of variables) if ('secretKey' in v) await this.secrets.delete(v.secretKey);
    const { [root]: _dropped, ...rest } = all;
    this.settings.set(WORKSPACE_VARIABLES_SETTING, rest);
    const { [root]: _gone, ...resolved } = this.resolved;
    this.resolved = resolved;
  }

  private stored(): StoredWorkspaceVariables {
    return this.settings.get(WORKSPACE_VARIABLES_SETTING, StoredWorkspaceVariablesSchema) ?? {};
  }

  private async resolve(variables: readonly StoredWorkspaceVariable[]): Promise<WorkspaceEnvironment> {
    const values: Record<string, string> = {};
    const unavailable: Record<string, string> = {};
    for (const v of variables.slice(0, MAX_WORKSPACE_VARIABLES)) {
      if (!('secretKey' in v)) {
        values[v.name] = v.value;
        continue;
      }
      try {
        values[v.name] = await this.secrets.read({ kind: 'stored', key: v.secretKey });
      } catch (error) {
        unavailable[v.name] = error instanceof Error ? error.message : String(error);
      }
    }
    return Object.keys(unavailable).length > 0 ? { variables: values, unavailable } : { variables: values };
  }
}

/** "Saving secrets needs the desktop app, which …. Here, …" → its first sentence (the store's reason is worded for API keys). */
function firstSentence(text: string): string {
  return text.split(/\.(\s|$)/)[0] ?? text;
}

/**
 * The secret store key of a workspace's secret variable: a short hash of the root (a root may be
 * 4,096 characters; the desktop store makes a file name of the key) and the name.
 */
export function secretKey(root: string, name: string): string {
  const digest = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return `workspace-variable.${digest}.${name}`;
}
