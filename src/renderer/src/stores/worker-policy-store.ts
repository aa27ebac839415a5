import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { WorkspaceVariablesView } from '../../../core/ipc';
import type { AllowedCommand } from '../../../core/settings/worker-policy';
import type {
  WorkspaceVariableEdit,
  WorkspaceVariableView,
} from '../../../core/settings/workspace-variables';
import { ApiError, call, errorMessage } from '../api/calls';
import type { LoadStatus } from './app-store';

/**
 * The Settings page's "what the worker may run": the workspaces the user opened and the command
 * allow-list (see docs/security.md, "Who decides what runs"). Main validates and stores both and
 * tells the worker; this store only mirrors them and keeps the last error with its field path.
 */

export interface PolicyError {
  /**
   * `root` (a workspace), `commands.<i>.<field>` (an allowed command) or `variables.<i>.<field>`
   * (a workspace variable).
   */
  path?: string;
  message: string;
}

export interface WorkerPolicyActions {
  load(): Promise<void>;
  openWorkspace(root: string): Promise<boolean>;
  closeWorkspace(root: string): Promise<boolean>;
  /** Saves the whole allow-list; resolves true on success. */
  saveCommands(commands: AllowedCommand[]): Promise<boolean>;
  /** Saves the whole variable list of a workspace; resolves true on success. */
  saveVariables(root: string, variables: WorkspaceVariableEdit[]): Promise<boolean>;
  clearError(): void;
}

export interface WorkerPolicyState {
  workspaces: string[];
  commands: AllowedCommand[];
  /** Per open workspace, the variables its builds get (secret values never reach the renderer). */
  variables: Record<string, WorkspaceVariableView[]>;
  secretStorage: WorkspaceVariablesView['secretStorage'];
  status: LoadStatus;
  busy: boolean;
  error: PolicyError | null;
  actions: WorkerPolicyActions;
}

export type WorkerPolicyStore = StoreApi<WorkerPolicyState>;

export function createWorkerPolicyStore({ api }: { api: WorkflowBuilderApi }): WorkerPolicyStore {
  return createStore<WorkerPolicyState>()((set, get) => {
    /** Runs one change; a failure is kept with the field it names. */
    const change = async (apply: () => Promise<Partial<WorkerPolicyState>>): Promise<boolean> => {
      if (get().busy) return false;
      set({ busy: true, error: null });
      try {
        set({ ...(await apply()), busy: false });
        return true;
      } catch (error) {
        const path = error instanceof ApiError ? error.error.path : undefined;
        const message = error instanceof ApiError ? error.error.message : errorMessage(error);
        set({ busy: false, error: path ? { path, message } : { message } });
        return false;
      }
    };

    const actions: WorkerPolicyActions = {
      async load() {
        set({ status: 'loading' });
        try {
          const [{ roots }, { commands }, { variables, secretStorage }] = await Promise.all([
            call(api, 'workspaces.list', {}),
            call(api, 'commands.list', {}),
            call(api, 'workspaces.variables', {}),
          ]);
          set({ workspaces: roots, commands, variables, secretStorage, status: 'ready', error: null });
        } catch (error) {
          set({ status: 'error', error: { message: errorMessage(error) } });
        }
      },
      openWorkspace: (root) =>
        change(async () => ({ workspaces: (await call(api, 'workspaces.open', { root })).roots })),
      closeWorkspace: (root) =>
        change(async () => {
          const { roots } = await call(api, 'workspaces.close', { root });
          // Closing drops the workspace's variables too.
          return { workspaces: roots, variables: (await call(api, 'workspaces.variables', {})).variables };
        }),
      saveCommands: (commands) =>
        change(async () => ({ commands: (await call(api, 'commands.save', { commands })).commands })),
      saveVariables: (root, variables) =>
        change(async () => {
          const view = await call(api, 'workspaces.saveVariables', { root, variables });
          return { variables: view.variables, secretStorage: view.secretStorage };
        }),
      clearError() {
        if (get().error) set({ error: null });
      },
    };

    return {
      workspaces: [],
      commands: [],
      variables: {},
      secretStorage: { canSave: false, description: '' },
      status: 'idle',
      busy: false,
      error: null,
      actions,
    };
  });
}
