/** @vitest-environment node */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SafeStorageSecretStore } from '../../../src/main/electron/safe-storage-secrets';
import { tempDir } from '../store/helpers';

vi.mock('electron', () => ({}));

function fakeSafeStorage(backend: string, available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    // A reversible stand-in for the OS cipher: what matters here is that the clear text never hits the disk.
    encryptString: (text: string) => Buffer.from(text, 'utf8').map((b) => b ^ 0x5a),
    decryptString: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('SafeStorageSecretStore', () => {
  it('keeps a saved secret encrypted on disk and reads it back', async () => {
    const folder = tempDir();
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret') as never, folder);
    await store.save('temporal.apiKey', 'sk-very-secret');
    const onDisk = readFileSync(join(folder, 'temporal.apiKey.bin'));
    expect(onDisk.toString('utf8')).not.toContain('sk-very-secret');
    expect(await store.read({ kind: 'stored', key: 'temporal.apiKey' })).toBe('sk-very-secret');
  });

  it.runIf(process.platform === 'linux')(
    'refuses to save where safeStorage would only obfuscate (basic_text)',
    async () => {
      const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text') as never, tempDir());
      expect(store.canSave()).toMatchObject({ ok: false, reason: expect.stringContaining('obfuscated') });
      await expect(store.save('temporal.apiKey', 'x')).rejects.toThrow(
        /Refusing to save "temporal.apiKey": .*obfuscated/,
      );
    },
  );

  it('refuses when no encryption is available at all', () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('unknown', false) as never, tmpdir());
    expect(store.canSave()).toMatchObject({ ok: false });
  });

  it('reads environment and file references like browser mode', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('kwallet5') as never, tmpdir(), {
      WB_TEST_KEY: 'from-env',
    });
    expect(await store.read({ kind: 'env', variable: 'WB_TEST_KEY' })).toBe('from-env');
  });
});
