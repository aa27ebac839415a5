// Tier: quick (unit). Variables the user sets per open workspace (Settings → Workspaces): plain
// values in the settings, secret ones in the secret store with only their key in SQLite, resolved
// into the policy the worker gets; refusals name the entry; closing a workspace deletes its
// secrets; a secret the store cannot read is reported per variable. The encrypting desktop store
// needs Electron, so a saving store stands in for it here (its contract: secret-store.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPolicySettings } from '../../../src/main/app/worker-policy-settings';
import { WorkspaceVariables, secretKey } from '../../../src/main/app/workspace-variables';
import {
  SecretUnavailableError,
  createEnvFileSecretStore,
  type SecretStore,
} from '../../../src/main/dev-server';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';
import { createWorkerPolicyHandlers } from '../../../src/main/ipc/handlers/worker-policy-handlers';
import { open, tempDir } from '../store/helpers';

/** A store that saves (as the desktop app's OS-encrypted one does), in memory. */
function savingStore(): SecretStore & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    description: 'a test store',
    canSave: () => ({ ok: true }),
    async read(ref) {
      if (ref.kind !== 'stored' || !saved.has(ref.key))
        throw new SecretUnavailableError(`no secret ${JSON.stringify(ref)}`);
      return saved.get(ref.key) as string;
    },
    async save(key, value) {
      saved.set(key, value);
    },
    async delete(key) {
      saved.delete(key);
    },
  };
}

function setup(secrets: SecretStore = savingStore()) {
  const dbFile = path.join(tempDir(), 'store.db');
  const store = open(dbFile);
  const changes: string[] = [];
  const policy = new WorkerPolicySettings(store.settings, { onChange: () => changes.push('policy') });
  const variables = new WorkspaceVariables(store.settings, secrets, {
    openRoots: () => policy.workspaces(),
    onChange: () => changes.push('variables'),
  });
  const dispatch = createDispatcher(createWorkerPolicyHandlers(policy, variables) as Handlers);
  const root = fs.realpathSync(tempDir());
  policy.open(root);
  return { store, dbFile, policy, variables, dispatch, root, changes };
}

describe('workspace variables', () => {
  it('keeps plain values in the settings and secret ones in the secret store, sending both to the worker', async () => {
    const secrets = savingStore();
    const { dbFile, variables, dispatch, root, changes } = setup(secrets);
    const saved = await dispatch('workspaces.saveVariables', {
      root,
      variables: [
        { name: 'NODE_ENV', value: 'production' },
        { name: 'NPM_TOKEN', secret: true, value: 'npm_s3cret_value' },
      ],
    });
    expect(saved).toEqual({
      ok: true,
      value: {
        variables: {
          [root]: [
            { name: 'NODE_ENV', secret: false, value: 'production' },
            { name: 'NPM_TOKEN', secret: true },
          ],
        },
        secretStorage: { canSave: true, description: 'a test store' },
      },
    });
    expect(changes).toContain('variables'); // the worker is told
    expect(variables.environments()).toEqual({
      [root]: { variables: { NODE_ENV: 'production', NPM_TOKEN: 'npm_s3cret_value' } },
    });
    expect(secrets.saved.get(secretKey(root, 'NPM_TOKEN'))).toBe('npm_s3cret_value');
    // The database holds the key, never the value.
    const raw =
      fs.readFileSync(dbFile).toString('latin1') +
      (fs.existsSync(`${dbFile}-wal`) ? fs.readFileSync(`${dbFile}-wal`).toString('latin1') : '');
    expect(raw).toContain(secretKey(root, 'NPM_TOKEN'));
    expect(raw).not.toContain('npm_s3cret_value');

    // Saving again without the secret's value keeps it; a new value replaces it.
    await variables.save(root, [{ name: 'NPM_TOKEN', secret: true }]);
    expect(variables.environments()[root]?.variables).toEqual({ NPM_TOKEN: 'npm_s3cret_value' });
    await variables.save(root, [{ name: 'NPM_TOKEN', secret: true, value: 'rotated' }]);
    expect(variables.environments()[root]?.variables).toEqual({ NPM_TOKEN: 'rotated' });
    // Made plain (or removed): the secret leaves the store.
    await variables.save(root, [{ name: 'NPM_TOKEN', value: 'not secret' }]);
    expect(secrets.saved.size).toBe(0);
  });

  it('resolves stored secrets again after a restart, and names those it cannot read', async () => {
    const secrets = savingStore();
    const { store, root, variables } = setup(secrets);
    await variables.save(root, [
      { name: 'A', secret: true, value: 'x' },
      { name: 'B', secret: true, value: 'y' },
    ]);
    secrets.saved.delete(secretKey(root, 'B')); // e.g. the store's file was lost
    const again = new WorkspaceVariables(store.settings, secrets, { openRoots: () => [root] });
    expect(again.environments()).toEqual({});
    await again.load();
    expect(again.environments()[root]).toEqual({
      variables: { A: 'x' },
      unavailable: { B: expect.stringContaining('no secret') },
    });
  });

  it('refuses bad names, reserved names, duplicates, a secret without a value, and workspaces not open, naming the entry', async () => {
    const { dispatch, root, variables } = setup();
    const refusal = async (list: unknown[], at = root) =>
      dispatch('workspaces.saveVariables', { root: at, variables: list });
    expect(await refusal([{ name: '1X', value: 'v' }])).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        path: 'variables.0.name',
        message: expect.stringContaining('not starting with a digit'),
      },
    });
    expect(await refusal([{ name: 'npm_lifecycle_event', value: 'v' }])).toMatchObject({
      error: {
        path: 'variables.0.name',
        message: expect.stringContaining('set by the app for each package'),
      },
    });
    expect(
      await refusal([
        { name: 'A', value: '1' },
        { name: 'a', value: '2' },
      ]),
    ).toMatchObject({
      error: { path: 'variables.1.name', message: expect.stringContaining('used twice') },
    });
    expect(await refusal([{ name: 'A' }])).toMatchObject({ error: { path: 'variables.0.value' } });
    expect(await refusal([{ name: 'T', secret: true }])).toMatchObject({
      error: { path: 'variables.0.value', message: expect.stringContaining('has no stored value yet') },
    });
    const other = fs.realpathSync(tempDir());
    expect(await refusal([], other)).toMatchObject({ error: { code: 'NOT_FOUND', path: 'root' } });
    expect(variables.view()).toEqual({});
  });

  it('browser mode (no encrypting store) refuses a secret value, saying where to keep it instead', async () => {
    const { dispatch, root, variables } = setup(createEnvFileSecretStore({}));
    expect(
      await dispatch('workspaces.saveVariables', {
        root,
        variables: [{ name: 'T', secret: true, value: 'v' }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('needs the desktop app') },
    });
    expect(await dispatch('workspaces.variables', {})).toMatchObject({
      ok: true,
      value: { variables: {}, secretStorage: { canSave: false } },
    });
    await variables.save(root, [{ name: 'PLAIN', value: 'fine' }]);
    expect(variables.environments()).toEqual({ [root]: { variables: { PLAIN: 'fine' } } });
  });

  it('closing a workspace forgets its variables and deletes its secrets', async () => {
    const secrets = savingStore();
    const { dispatch, root, variables } = setup(secrets);
    await variables.save(root, [
      { name: 'T', secret: true, value: 'v' },
      { name: 'P', value: 'p' },
    ]);
    expect(await dispatch('workspaces.close', { root })).toEqual({ ok: true, value: { roots: [] } });
    expect(secrets.saved.size).toBe(0);
    expect(variables.environments()).toEqual({});
    expect(variables.view()).toEqual({});
  });
});
