/** @vitest-environment node */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../src/core/ipc';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } }));
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
}));

type Api = {
  invoke: (channel: string, request: unknown) => Promise<unknown>;
  on: (event: string, listener: (payload: unknown) => void) => () => void;
};

describe('preload', () => {
  beforeEach(async () => {
    await import('../../../src/preload/index');
  });

  it('exposes exactly one facade, window.workflowBuilder, with invoke and on — never ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['workflowBuilder']);
    const api = exposed.workflowBuilder as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels to ipcRenderer.invoke and refuses others without sending', async () => {
    const api = exposed.workflowBuilder as Api;
    for (const channel of CHANNELS) await api.invoke(channel, { x: 1 });
    expect(invoke).toHaveBeenCalledTimes(CHANNELS.length);
    invoke.mockClear();
    expect(await api.invoke('shell.openExternal', { url: 'file:///' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('subscribes to known events only, passes the payload without the IPC event, and unsubscribes', () => {
    const api = exposed.workflowBuilder as Api;
    const received: unknown[] = [];
    const off = api.on('server.status', (payload) => received.push(payload));
    const [listener] = [...(listeners.get('event:server.status') ?? [])];
    listener?.({ sender: 'ipc-event' }, { state: 'ready' });
    expect(received).toEqual([{ state: 'ready' }]);
    off();
    expect(listeners.get('event:server.status')?.size).toBe(0);
    expect(() => api.on('process.exit', () => undefined)).toThrow('Unknown event process.exit');
  });
});
