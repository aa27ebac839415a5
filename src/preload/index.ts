/**
 * The preload: a thin, typed facade. It exposes exactly one `invoke` limited to the contract's
 * channels and one `on` limited to its events — never ipcRenderer itself — so a compromised
 * renderer cannot reach other channels.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only the name lists and types: the zod schemas stay out of the preload bundle (main validates).
import { API_GLOBAL, type WorkflowBuilderApi } from '../core/ipc/api';
import { CHANNELS, EVENTS, EVENT_CHANNEL_PREFIX } from '../core/ipc/channels';

const channels: readonly string[] = CHANNELS;
const events: readonly string[] = EVENTS;

export const api: WorkflowBuilderApi = {
  invoke(channel, request) {
    if (!channels.includes(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${channel}` } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(event, listener) {
    if (!events.includes(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(EVENT_CHANNEL_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL_PREFIX + event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(API_GLOBAL, api);
