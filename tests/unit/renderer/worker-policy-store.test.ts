import { describe, expect, it } from 'vitest';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import type { Channel } from '../../../src/core/ipc/channels';
import { fail, ok, type IpcResult } from '../../../src/core/ipc/result';
import { createWorkerPolicyStore } from '../../../src/renderer/src/stores/worker-policy-store';

/** A fake API answering each channel from `replies`, recording the requests. */
function fakeApi(replies: Partial<Record<Channel, (request: unknown) => IpcResult<unknown>>>) {
  const requests: Array<[Channel, unknown]> = [];
  const api = {
    invoke: async (channel: Channel, request: unknown) => {
      requests.push([channel, request]);
      const reply = replies[channel];
      if (!reply) throw new Error(`unexpected call ${channel}`);
      return reply(request);
    },
    on: () => () => undefined,
  } as unknown as WorkflowBuilderApi;
  return { api, requests };
}

const clean = { name: 'clean', program: 'rm', args: ['-rf', 'dist'] };

describe('createWorkerPolicyStore', () => {
  const storage = { canSave: true, description: 'the OS-encrypted secret store' };

  it("loads the opened workspaces, the allowed commands and the workspaces' variables", async () => {
    const variables = { '/repo': [{ name: 'NPM_TOKEN', secret: true }] };
    const { api } = fakeApi({
      'workspaces.list': () => ok({ roots: ['/repo'] }),
      'commands.list': () => ok({ commands: [clean] }),
      'workspaces.variables': () => ok({ variables, secretStorage: storage }),
    });
    const store = createWorkerPolicyStore({ api });
    await store.getState().actions.load();
    expect(store.getState()).toMatchObject({
      status: 'ready',
      workspaces: ['/repo'],
      commands: [clean],
      variables,
      secretStorage: storage,
      error: null,
    });
  });

  it("saves a workspace's whole variable list; a refusal keeps the entry main named", async () => {
    const saved = { '/repo': [{ name: 'NODE_ENV', secret: false, value: 'ci' }] };
    const { api, requests } = fakeApi({
      'workspaces.saveVariables': (r) =>
        (r as { variables: unknown[] }).variables.length > 1
          ? fail('INVALID_INPUT', 'variables.1.name: the name node_env is used twice', 'variables.1.name')
          : ok({ variables: saved, secretStorage: storage }),
    });
    const store = createWorkerPolicyStore({ api });
    expect(
      await store
        .getState()
        .actions.saveVariables('/repo', [{ name: 'NODE_ENV', secret: false, value: 'ci' }]),
    ).toBe(true);
    expect(requests[0]).toEqual([
      'workspaces.saveVariables',
      { root: '/repo', variables: [{ name: 'NODE_ENV', secret: false, value: 'ci' }] },
    ]);
    expect(store.getState().variables).toEqual(saved);
    expect(
      await store.getState().actions.saveVariables('/repo', [
        { name: 'NODE_ENV', secret: false, value: 'ci' },
        { name: 'node_env', secret: false, value: 'x' },
      ]),
    ).toBe(false);
    expect(store.getState().error).toEqual({
      path: 'variables.1.name',
      message: 'variables.1.name: the name node_env is used twice',
    });
    expect(store.getState().variables).toEqual(saved);
  });

  it('keeps a refusal with the field main named, and clears it on edit', async () => {
    const { api, requests } = fakeApi({
      'workspaces.open': () => fail('INVALID_INPUT', 'The folder /nope does not exist', 'root'),
    });
    const store = createWorkerPolicyStore({ api });
    expect(await store.getState().actions.openWorkspace('/nope')).toBe(false);
    expect(requests).toEqual([['workspaces.open', { root: '/nope' }]]);
    expect(store.getState().error).toEqual({ path: 'root', message: 'The folder /nope does not exist' });
    expect(store.getState().busy).toBe(false);
    store.getState().actions.clearError();
    expect(store.getState().error).toBeNull();
  });

  it('saves the whole command list and shows what main stored', async () => {
    const { api, requests } = fakeApi({ 'commands.save': (r) => ok(r) });
    const store = createWorkerPolicyStore({ api });
    expect(await store.getState().actions.saveCommands([clean])).toBe(true);
    expect(requests).toEqual([['commands.save', { commands: [clean] }]]);
    expect(store.getState().commands).toEqual([clean]);
  });
});
