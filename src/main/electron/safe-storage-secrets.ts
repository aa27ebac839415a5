/**
 * Desktop secret store: secrets saved by the user (a cluster API key) are encrypted with
 * Electron's safeStorage (the OS keychain / DPAPI / libsecret) into a file in the data folder;
 * environment variables and files are read as in browser mode. On Linux without a keyring
 * safeStorage falls back to 'basic_text' — a fixed key, i.e. obfuscation — and we refuse.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { EnvFileSecretStore, SecretUnavailableError, type SecretRef, type SecretStore } from '../dev-server';

export class SafeStorageSecretStore implements SecretStore {
  readonly description = 'the OS-encrypted secret store, environment variables and files';
  private readonly fallback: EnvFileSecretStore;

  constructor(
    private readonly safeStorage: SafeStorage,
    private readonly folder: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.fallback = new EnvFileSecretStore(env);
  }

  canSave(): { ok: true } | { ok: false; reason: string } {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return { ok: false, reason: 'the operating system offers no encryption to this app (safeStorage unavailable)' };
    }
    if (process.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        ok: false,
        reason: 'no keyring (GNOME Keyring / KWallet) is running, so secrets would only be obfuscated; use an environment variable or a file instead',
      };
    }
    return { ok: true };
  }

  async read(ref: SecretRef): Promise<string> {
    if (ref.kind !== 'stored') return this.fallback.read(ref);
    const check = this.canSave();
    if (!check.ok) throw new SecretUnavailableError(`Cannot read the saved secret "${ref.key}": ${check.reason}`);
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.fileOf(ref.key));
    } catch {
      throw new SecretUnavailableError(`No saved secret "${ref.key}": save it again in Settings`);
    }
    return this.safeStorage.decryptString(encrypted);
  }

  async save(key: string, value: string): Promise<void> {
    const check = this.canSave();
    if (!check.ok) throw new SecretUnavailableError(`Refusing to save "${key}": ${check.reason}`);
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    await writeFile(this.fileOf(key), this.safeStorage.encryptString(value), { mode: 0o600 });
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }

  private fileOf(key: string): string {
    return join(this.folder, `${encodeURIComponent(key)}.bin`);
  }
}
