import { readFile, stat } from 'node:fs/promises';
import type { ApiKeySource } from '../../core/settings/connection-settings';
import { STORED_API_KEY_SECRET } from '../../core/settings/connection-settings';

/**
 * Where a secret lives. Settings hold only these references, never the secret itself, so nothing
 * sensitive sits in the app's SQLite in clear.
 */
export type SecretRef =
  | { kind: 'env'; variable: string }
  | { kind: 'file'; path: string }
  /** Saved through `SecretStore.save()` (desktop app: OS-encrypted). */
  | { kind: 'stored'; key: string };

/**
 * Reads and keeps secrets (API keys, TLS private keys).
 *
 * Implementations:
 * - `EnvFileSecretStore` (here): browser mode, CLI, tests. Reads env variables and files; cannot
 *   save — there is no OS-backed encryption to rely on.
 * - The desktop app's store (src/main/electron/, written by the app shell) extends it with
 *   Electron `safeStorage` for `stored` secrets, and must refuse to save (canSave() false) when
 *   `safeStorage.getSelectedStorageBackend()` is 'basic_text': that backend only obfuscates.
 */
export interface SecretStore {
  /** Human description for messages, e.g. "environment variables and files". */
  readonly description: string;
  /** Reads a secret; throws SecretUnavailableError naming the source and how to fix it. */
  read(ref: SecretRef): Promise<string>;
  /** Whether `save()` can keep a secret encrypted here, and why not. */
  canSave(): { ok: true } | { ok: false; reason: string };
  /** Saves a secret under `key`, encrypted; throws SecretUnavailableError when `canSave()` is false. */
  save(key: string, value: string): Promise<void>;
  /** Forgets a saved secret; no-op when absent. */
  delete(key: string): Promise<void>;
}

/** A secret could not be read or saved; the message names which and how to fix it. */
export class SecretUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnavailableError';
  }
}

/** The secret reference an `apiKey` setting points at. */
export function apiKeySecretRef(source: ApiKeySource): SecretRef {
  if (source.env !== undefined) return { kind: 'env', variable: source.env };
  if (source.file !== undefined) return { kind: 'file', path: source.file };
  return { kind: 'stored', key: STORED_API_KEY_SECRET };
}

/** Reads secrets from environment variables and files; refuses to save (no encryption available). */
export class EnvFileSecretStore implements SecretStore {
  readonly description: string = 'environment variables and files';

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async read(ref: SecretRef): Promise<string> {
    switch (ref.kind) {
      case 'env':
        return this.readEnv(ref.variable);
      case 'file':
        return this.readFileSecret(ref.path);
      case 'stored':
        return this.readStored(ref.key);
    }
  }

  canSave(): { ok: true } | { ok: false; reason: string } {
    return {
      ok: false,
      reason:
        'Saving secrets needs the desktop app, which encrypts them with the OS keychain. Here, put the secret ' +
        'in an environment variable (apiKey.env) or a file only you can read (apiKey.file).',
    };
  }

  async save(_key: string, _value: string): Promise<void> {
    const verdict = this.canSave();
    throw new SecretUnavailableError(verdict.ok ? 'save() is not implemented' : verdict.reason);
  }

  async delete(_key: string): Promise<void> {
    // Nothing is ever saved here.
  }

  /** Overridden by stores that can save; here a stored secret cannot exist. */
  protected async readStored(key: string): Promise<string> {
    const verdict = this.canSave();
    throw new SecretUnavailableError(
      `The secret "${key}" was saved in the desktop app's encrypted store, which is not available here (${this.description}). ` +
        (verdict.ok ? '' : verdict.reason),
    );
  }

  private readEnv(variable: string): string {
    const value = this.env[variable];
    if (value === undefined)
      throw new SecretUnavailableError(
        `The environment variable ${variable} is not set (it should hold the secret).`,
      );
    if (value.trim() === '')
      throw new SecretUnavailableError(`The environment variable ${variable} is empty.`);
    return value.trim();
  }

  private async readFileSecret(path: string): Promise<string> {
    let content: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new SecretUnavailableError(`The secret file ${path} is not a regular file.`);
      content = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof SecretUnavailableError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'does not exist'
          : code === 'EACCES'
            ? 'is not readable by this user'
            : (error as Error).message;
      throw new SecretUnavailableError(`The secret file ${path} ${why}.`);
    }
    // Editors and `echo key > file` add a trailing newline; it is never part of a key.
    const secret = content.replace(/\s+$/, '');
    if (secret === '') throw new SecretUnavailableError(`The secret file ${path} is empty.`);
    return secret;
  }
}

/** The store for browser mode, the CLI and tests. */
export function createEnvFileSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return new EnvFileSecretStore(env);
}
