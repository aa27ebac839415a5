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
  /** Loads an example (idempotent: see src/main/examples); returns the definition to open. */
  loadExample(name: 'package-builder'): Promise<DefinitionSummary>;
  /** Saves an imported definition as a new one (the store checks it as any save). */
  importDefinition(definition: unknown): Promise<DefinitionSummary>;
  /** Saves the current version under a new name as a new version. */
  renameDefinition(id: string, name: string): Promise<DefinitionSummary>;
  /** Saves a copy of the current version as a new definition, "<name> (copy)". */
  duplicateDefinition(id: string): Promise<DefinitionSummary>;
  /** Deletes (softly: `restoreDefinition` undoes it). */
  deleteDefinition(id: string): Promise<void>;
  restoreDefinition(id: string): Promise<void>;
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

      async loadExample(name) {
        const { definitions } = await call(api, 'examples.load', { name });
        await actions.loadDefinitions();
        const open = definitions.at(-1);
        if (!open) throw new Error(`The example ${name} has no definitions`);
        return open;
      },

      async importDefinition(definition) {
        const saved = await call(api, 'definitions.save', { definition } as RequestOf<'definitions.save'>);
        setDefinitions({ lastCreated: saved });
        await actions.loadDefinitions();
        return saved;
      },

      async renameDefinition(id, name) {
        const current = await call(api, 'definitions.get', { id });
        const saved = await call(api, 'definitions.save', {
          id,
          expectedVersion: current.version,
          definition: { ...current.definition, name },
        });
        await actions.loadDefinitions();
        return saved;
      },

      async duplicateDefinition(id) {
        const current = await call(api, 'definitions.get', { id });
        const saved = await call(api, 'definitions.save', {
          definition: { ...current.definition, name: `${current.definition.name} (copy)` },
        });
        setDefinitions({ lastCreated: saved });
        await actions.loadDefinitions();
        return saved;
      },

      async deleteDefinition(id) {
        await call(api, 'definitions.delete', { id });
        await actions.loadDefinitions();
      },

      async restoreDefinition(id) {
        await call(api, 'definitions.restore', { id });
        await actions.loadDefinitions();
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
