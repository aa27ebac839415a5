import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiKeySecretRef,
  createEnvFileSecretStore,
  SecretUnavailableError,
} from '../../../src/main/dev-server';
import { makeTempDir } from './support';

describe('EnvFileSecretStore (browser mode, CLI)', () => {
  const temp = makeTempDir('secrets');
  afterAll(temp.cleanup);
  const store = createEnvFileSecretStore({ WB_KEY: '  key-from-env\n', WB_EMPTY: ' ' });

  it('reads a key from an environment variable, trimmed', async () => {
    await expect(store.read({ kind: 'env', variable: 'WB_KEY' })).resolves.toBe('key-from-env');
  });

  it('names the variable when it is missing or empty', async () => {
    await expect(store.read({ kind: 'env', variable: 'WB_NOPE' })).rejects.toThrow(
      'The environment variable WB_NOPE is not set',
    );
    await expect(store.read({ kind: 'env', variable: 'WB_EMPTY' })).rejects.toThrow(
      'The environment variable WB_EMPTY is empty',
    );
  });

  it('reads a key from a file without its trailing newline, and names a missing, empty or non-file path', async () => {
    const file = join(temp.dir, 'key');
    writeFileSync(file, 'key-from-file\n');
    await expect(store.read({ kind: 'file', path: file })).resolves.toBe('key-from-file');
    await expect(store.read({ kind: 'file', path: join(temp.dir, 'missing') })).rejects.toThrow(
      `The secret file ${join(temp.dir, 'missing')} does not exist`,
    );
    writeFileSync(join(temp.dir, 'empty'), '\n');
    await expect(store.read({ kind: 'file', path: join(temp.dir, 'empty') })).rejects.toThrow('is empty');
    mkdirSync(join(temp.dir, 'dir'));
    await expect(store.read({ kind: 'file', path: join(temp.dir, 'dir') })).rejects.toThrow(
      'is not a regular file',
    );
  });

  it('refuses to save or read stored secrets: there is no encryption to rely on here', async () => {
    expect(store.canSave()).toMatchObject({ ok: false, reason: expect.stringContaining('apiKey.env') });
    await expect(store.save('temporal.apiKey', 'x')).rejects.toBeInstanceOf(SecretUnavailableError);
    await expect(store.read({ kind: 'stored', key: 'temporal.apiKey' })).rejects.toThrow(
      /not available here/,
    );
    await expect(store.delete('temporal.apiKey')).resolves.toBeUndefined();
  });

  it('maps apiKey settings to secret references', () => {
    expect(apiKeySecretRef({ env: 'K' })).toEqual({ kind: 'env', variable: 'K' });
    expect(apiKeySecretRef({ file: '/k' })).toEqual({ kind: 'file', path: '/k' });
    expect(apiKeySecretRef({ stored: true })).toEqual({ kind: 'stored', key: 'temporal.apiKey' });
  });
});
