import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { ConnectionSettingsView, RequestOf } from '../../../core/ipc/contract';
import type { IpcErrorCode } from '../../../core/ipc/result';
import { ApiError, call, errorMessage } from '../api/calls';
import type { LoadStatus } from './app-store';

/**
 * The Settings page's store: the Temporal connection as main reports it, and saving it. A
 * factory like `createAppStore`, so every test and every mounted app gets a fresh one.
 */

export interface SaveError {
  code: IpcErrorCode;
  /** The message as main wrote it (without the path). */
  message: string;
  /** Dotted path of the offending field (`connection.address`, `apiKey`), when there is one. */
  path?: string;
}

export interface SettingsActions {
  load(): Promise<void>;
  /** Saves and applies the connection; resolves true on success. */
  save(request: RequestOf<'settings.saveConnection'>): Promise<boolean>;
  /** Forgets the last save error (the user edited the form since). */
  clearSaveError(): void;
}

export interface SettingsState {
  view: ConnectionSettingsView | null;
  status: LoadStatus;
  loadError: string | null;
  saving: boolean;
  saveError: SaveError | null;
  /** Saves that succeeded in this session; 0 until the first. */
  savedCount: number;
  /** Bumped whenever `view` is replaced from main, so the form can reset to it. */
  revision: number;
  actions: SettingsActions;
}

export type SettingsStore = StoreApi<SettingsState>;

export interface SettingsStoreDeps {
  api: WorkflowBuilderApi;
}

export function createSettingsStore({ api }: SettingsStoreDeps): SettingsStore {
  let loadSeq = 0;

  return createStore<SettingsState>()((set, get) => {
    const actions: SettingsActions = {
      async load() {
        const seq = ++loadSeq;
        set({ status: 'loading' });
        try {
          const view = await call(api, 'settings.getConnection', {});
          if (seq === loadSeq)
            set((s) => ({ view, status: 'ready', loadError: null, revision: s.revision + 1 }));
        } catch (error) {
          if (seq === loadSeq) set({ status: 'error', loadError: errorMessage(error) });
        }
      },

      async save(request) {
        if (get().saving) return false;
        // A load still in flight would bring back the settings from before this save.
        loadSeq++;
        set({ saving: true, saveError: null });
        try {
          const view = await call(api, 'settings.saveConnection', request);
          set((s) => ({
            view,
            status: 'ready',
            loadError: null,
            saving: false,
            savedCount: s.savedCount + 1,
            revision: s.revision + 1,
          }));
          return true;
        } catch (error) {
          const saveError: SaveError =
            error instanceof ApiError
              ? {
                  code: error.code,
                  message: error.error.message,
                  ...(error.error.path ? { path: error.error.path } : {}),
                }
              : { code: 'INTERNAL', message: errorMessage(error) };
          set({ saving: false, saveError });
          return false;
        }
      },

      clearSaveError() {
        if (get().saveError) set({ saveError: null });
      },
    };

    return {
      view: null,
      status: 'idle',
      loadError: null,
      saving: false,
      saveError: null,
      savedCount: 0,
      revision: 0,
      actions,
    };
  });
}
