import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { DefinitionSummary, EventPayloadOf, RequestOf, ServerStatus } from '../../../core/ipc/contract';
import { call, errorMessage } from '../api/calls';
import type { ConnectionInfo, ConnectionSource } from '../api/connection';

/**
 * The app-wide store: connection, Temporal server status and the definitions list. A factory,
 * not a module singleton, so every test (and every mounted app) gets a fresh store. Feature
 * stores added later (editor, runs) follow the same pattern and take the same dependencies.
 */

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ServerSlice {
  status: ServerStatus | null;
  loading: boolean;
  /** Why the status could not be read (not why the server is unhealthy: that is `status.message`). */
  error: string | null;
}

export interface DefinitionsSlice {
  items: DefinitionSummary[];
  status: LoadStatus;
  error: string | null;
  creating: boolean;
  createError: string | null;
  /** The definition created last in this session, for a confirmation message. */
  lastCreated: DefinitionSummary | null;
}

/** An error the main process caught as a last resort (event `app.error`), shown until dismissed. */
export type AppError = EventPayloadOf<'app.error'>;

/** Most app errors kept on screen; older ones drop off (a burst must not flood the page). */
export const MAX_APP_ERRORS = 5;

export interface AppActions {
  /** Subscribes to events and the connection, and loads everything; returns the teardown. */
  start(): () => void;
  refreshServerStatus(): Promise<void>;
  loadDefinitions(): Promise<void>;
  /** Saves a minimal Start → End definition and reloads the list. */
  createDefinition(): Promise<DefinitionSummary | null>;
  /** Skips the reconnect backoff (browser mode). */
  retryConnection(): void;
  /** Hides one app error banner. */
  dismissAppError(error: AppError): void;
}

export interface AppState {
  connection: ConnectionInfo;
  server: ServerSlice;
  definitions: DefinitionsSlice;
  /** Errors the main process reported (`app.error`), newest last. */
  appErrors: AppError[];
  actions: AppActions;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreDeps {
  api: WorkflowBuilderApi;
  connection: ConnectionSource;
  /** Skips the reconnect backoff; the browser-mode transport provides it. */
  retryNow?: () => void;
}

/** The definition "New workflow" saves. */
export function newDefinitionRequest(): RequestOf<'definitions.save'> {
  return {
    definition: {
      schemaVersion: 1,
      name: 'Untitled workflow',
      nodes: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'end', kind: 'end', data: {} },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'end' }],
      settings: {},
    },
  };
}

export function createAppStore(deps: AppStoreDeps): AppStore {
  const { api, connection } = deps;
  // Guards against stale replies: a reply is applied only if nothing newer arrived meanwhile.
  let serverSeq = 0;
  let definitionsSeq = 0;

  return createStore<AppState>()((set, get) => {
    const setServer = (patch: Partial<ServerSlice>) => set((s) => ({ server: { ...s.server, ...patch } }));
    const setDefinitions = (patch: Partial<DefinitionsSlice>) =>
      set((s) => ({ definitions: { ...s.definitions, ...patch } }));

    const actions: AppActions = {
      start() {
        const offStatus = api.on('server.status', (status) => {
          serverSeq++;
          setServer({ status, loading: false, error: null });
        });
        const offAppError = api.on('app.error', (error) => {
          set((s) => ({ appErrors: [...s.appErrors, error].slice(-MAX_APP_ERRORS) }));
        });
        const offConnection = connection.subscribe((info) => {
          const wasOpen = get().connection.state === 'open';
          set({ connection: info });
          // After a (re)connect, re-read what events may have been missed or loads that failed.
          if (info.state === 'open' && !wasOpen) {
            if (!get().server.loading) void actions.refreshServerStatus();
            if (get().definitions.status !== 'loading') void actions.loadDefinitions();
          }
        });
        set({ connection: connection.get() });
        void actions.refreshServerStatus();
        void actions.loadDefinitions();
        return () => {
          offStatus();
          offAppError();
          offConnection();
        };
      },

      async refreshServerStatus() {
        const seq = ++serverSeq;
        setServer({ loading: true });
        try {
          const status = await call(api, 'server.status', {});
          if (seq === serverSeq) setServer({ status, loading: false, error: null });
        } catch (error) {
          if (seq === serverSeq) setServer({ loading: false, error: errorMessage(error) });
        }
      },

      async loadDefinitions() {
        const seq = ++definitionsSeq;
        setDefinitions({ status: 'loading' });
        try {
          const items = await call(api, 'definitions.list', {});
          if (seq === definitionsSeq) setDefinitions({ items, status: 'ready', error: null });
        } catch (error) {
          if (seq === definitionsSeq) setDefinitions({ status: 'error', error: errorMessage(error) });
        }
      },

      async createDefinition() {
        if (get().definitions.creating) return null;
        setDefinitions({ creating: true, createError: null });
        try {
          const created = await call(api, 'definitions.save', newDefinitionRequest());
          setDefinitions({ creating: false, lastCreated: created });
          await actions.loadDefinitions();
          return created;
        } catch (error) {
          setDefinitions({ creating: false, createError: errorMessage(error) });
          return null;
        }
      },

      retryConnection() {
        deps.retryNow?.();
      },

      dismissAppError(error) {
        set((s) => ({ appErrors: s.appErrors.filter((e) => e !== error) }));
      },
    };

    return {
      connection: connection.get(),
      server: { status: null, loading: false, error: null },
      definitions: {
        items: [],
        status: 'idle',
        error: null,
        creating: false,
        createError: null,
        lastCreated: null,
      },
      appErrors: [],
      actions,
    };
  });
}
