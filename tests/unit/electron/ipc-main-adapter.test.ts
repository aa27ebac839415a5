/** @vitest-environment node */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../src/core/ipc';
import { setupIpcMain } from '../../../src/main/electron/ipc-main-adapter';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { RUN_STATE_EVENT } from '../ipc/run-state-event';

vi.mock('electron', () => ({}));

const trustedUrl = 'file:///app/out/renderer/index.html';

function fakeWindow(id: number) {
  return {
    isDestroyed: () => false,
    webContents: { id, send: vi.fn() },
  };
}

function setup() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const dispatch = vi.fn(async (channel: unknown) => ({ ok: true as const, value: channel }));
  const bus = new EventBus();
  const window = fakeWindow(1);
  const dispose = setupIpcMain({
    ipcMain: ipcMain as never,
    dispatch,
    bus,
    windows: () => [window as never],
    isTrustedUrl: (url) => url === trustedUrl,
  });
  return { handlers, dispatch, bus, window, dispose };
}

describe('setupIpcMain', () => {
  it('registers one handler per contract channel and removes them on dispose', () => {
    const { handlers, dispose } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('dispatches calls from our window showing our page', async () => {
    const { handlers, dispatch } = setup();
    const reply = await handlers.get('definitions.list')!({ sender: { id: 1 }, senderFrame: { url: trustedUrl } }, {});
    expect(reply).toEqual({ ok: true, value: 'definitions.list' });
    expect(dispatch).toHaveBeenCalledWith('definitions.list', {});
  });

  it('refuses another webContents, or our window navigated elsewhere, before parsing anything', async () => {
    const { handlers, dispatch } = setup();
    const foreign = await handlers.get('definitions.save')!({ sender: { id: 2 }, senderFrame: { url: trustedUrl } }, {});
    const navigated = await handlers.get('definitions.save')!({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, {});
    for (const reply of [foreign, navigated]) expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards bus events to the windows on event:<name> channels', () => {
    const { bus, window } = setup();
    bus.publish('runs.state', RUN_STATE_EVENT);
    expect(window.webContents.send).toHaveBeenCalledWith('event:runs.state', RUN_STATE_EVENT);
  });
});
