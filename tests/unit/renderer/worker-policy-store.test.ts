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
  it('loads the opened workspaces and the allowed commands', async () => {
    const { api } = fakeApi({
      'workspaces.list': () => ok({ roots: ['/repo'] }),
      'commands.list': () => ok({ commands: [clean] }),
    });
    const store = createWorkerPolicyStore({ api });
    await store.getState().actions.load();
    expect(store.getState()).toMatchObject({
      status: 'ready',
      workspaces: ['/repo'],
      commands: [clean],
      error: null,
    });
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
