import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPolicySettings } from '../../../src/main/app/worker-policy-settings';
import { WorkspaceVariables } from '../../../src/main/app/workspace-variables';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';
import { createWorkerPolicyHandlers } from '../../../src/main/ipc/handlers/worker-policy-handlers';
import { open, tempDir } from '../store/helpers';

function setup(sessionWorkspaces: string[] = []) {
  const store = open();
  const changes: number[] = [];
  const policy = new WorkerPolicySettings(store.settings, {
    sessionWorkspaces,
    onChange: () => changes.push(changes.length + 1),
  });
  const variables = new WorkspaceVariables(store.settings, createEnvFileSecretStore({}), {
    openRoots: () => policy.workspaces(),
  });
  const dispatch = createDispatcher(createWorkerPolicyHandlers(policy, variables) as Handlers);
  return { store, policy, changes, dispatch };
}

describe('workspaces.* and commands.*: what the worker may run, decided by the user', () => {
  it('opens a folder under its real path, keeps it in the store, tells the worker, and closes it', async () => {
    const { store, policy, changes, dispatch } = setup();
    const real = fs.realpathSync(tempDir());
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(real, link);

    expect(await dispatch('workspaces.open', { root: link })).toEqual({ ok: true, value: { roots: [real] } });
    expect(await dispatch('workspaces.open', { root: real })).toEqual({ ok: true, value: { roots: [real] } });
    expect(changes).toHaveLength(1); // opening it again changes nothing
    expect(store.settings.get('workspaces')).toEqual([real]);
    expect(policy.policy()).toEqual({ workspaces: [real], commands: [] });

    expect(await dispatch('workspaces.close', { root: link })).toEqual({ ok: true, value: { roots: [] } });
    expect(changes).toHaveLength(2);
    expect(await dispatch('workspaces.list', {})).toEqual({ ok: true, value: { roots: [] } });
  });

  it('refuses a relative path, a missing folder, a file, and closing what is not open, naming the field', async () => {
    const { dispatch, changes } = setup();
    const file = path.join(tempDir(), 'file.txt');
    fs.writeFileSync(file, 'x');
    const missing = path.join(tempDir(), 'missing');
    expect(await dispatch('workspaces.open', { root: 'relative/dir' })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        path: 'root',
        message: expect.stringContaining('the path must be absolute'),
      },
    });
    expect(await dispatch('workspaces.open', { root: missing })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'root', message: `The folder ${missing} does not exist` },
    });
    expect(await dispatch('workspaces.open', { root: file })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'root', message: `${file} is not a folder` },
    });
    expect(await dispatch('workspaces.close', { root: missing })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', path: 'root' },
    });
    expect(changes).toEqual([]);
  });

  it('session workspaces (the CLI --workspace) count, but are not stored', () => {
    const dir = fs.realpathSync(tempDir());
    const { store, policy } = setup([dir]);
    expect(policy.workspaces()).toEqual([dir]);
    expect(store.settings.get('workspaces')).toBeUndefined();
  });

  it('saves the command allow-list, and refuses an invalid one naming the entry and field; nothing stored changes', async () => {
    const { store, dispatch, changes } = setup();
    const clean = { name: 'clean', program: 'rm', args: ['-rf', 'dist'], description: 'remove dist' };
    expect(await dispatch('commands.save', { commands: [clean] })).toEqual({
      ok: true,
      value: { commands: [clean] },
    });
    expect(await dispatch('commands.save', { commands: [clean, { ...clean, program: 'echo' }] })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        path: 'commands.1.name',
        message: 'commands.1.name: the name "clean" is used twice',
      },
    });
    expect(
      await dispatch('commands.save', { commands: [{ name: 'rm -rf /', program: 'rm' }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: 'commands.0.name' },
    });
    expect(await dispatch('commands.save', { commands: [{ name: 'x', program: '  ' }] })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        path: 'commands.0.program',
        message: 'commands.0.program: the program must not be empty',
      },
    });
    expect(await dispatch('commands.list', {})).toEqual({ ok: true, value: { commands: [clean] } });
    expect(store.settings.get('commands')).toEqual([clean]);
    expect(changes).toHaveLength(1);
  });
});
