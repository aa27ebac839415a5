/**
 * Electron adapter for the one dispatcher: every contract channel is registered with
 * ipcMain.handle, and every call's sender is checked to be one of our own windows showing our
 * own page before its payload is even parsed.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, EVENT_CHANNEL_PREFIX, fail } from '../../core/ipc';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';

export interface IpcMainAdapterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  bus: EventBus;
  /** The windows allowed to call (ours). */
  windows: () => BrowserWindow[];
  /** True for the URLs our renderer is served from (file:// of the build, or the dev server). */
  isTrustedUrl: (url: string) => boolean;
}

/** Registers the handlers and forwards events to every window; returns the disposer. */
export function setupIpcMain(options: IpcMainAdapterOptions): () => void {
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const sender: WebContents = event.sender;
    const ours = options.windows().some((w) => !w.isDestroyed() && w.webContents.id === sender.id);
    const frameUrl = event.senderFrame?.url ?? '';
    return ours && options.isTrustedUrl(frameUrl);
  };
  for (const channel of CHANNELS) {
    options.ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) return fail('UNAUTHORIZED', `Refused ${channel} from an untrusted sender`);
      return options.dispatch(channel, payload);
    });
  }
  const unsubscribe = options.bus.subscribe((event, payload) => {
    for (const window of options.windows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL_PREFIX + event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) options.ipcMain.removeHandler(channel);
  };
}
