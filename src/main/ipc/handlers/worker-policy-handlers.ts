import type { WorkerPolicySettings } from '../../app/worker-policy-settings';
import type { WorkspaceVariables } from '../../app/workspace-variables';
import type { WorkspaceVariablesView } from '../../../core/ipc';
import type { Handlers } from '../dispatcher';

/**
 * workspaces.* and commands.*: what the worker may build in and run, and the variables each
 * workspace adds to its builds. The user decides here; a workflow input only names an opened
 * workspace or an allowed command (see docs/security.md).
 */
export function createWorkerPolicyHandlers(
  policy: WorkerPolicySettings,
  variables: WorkspaceVariables,
): Pick<
  Handlers,
  | 'workspaces.list'
  | 'workspaces.open'
  | 'workspaces.close'
  | 'workspaces.variables'
  | 'workspaces.saveVariables'
  | 'commands.list'
  | 'commands.save'
> {
  const variablesView = (): WorkspaceVariablesView => ({
    variables: variables.view(),
    secretStorage: variables.secretStorage(),
  });
  return {
    'workspaces.list': () => ({ roots: policy.workspaces() }),
    'workspaces.open': ({ root }) => ({ roots: policy.open(root) }),
    async 'workspaces.close'({ root }) {
      const before = policy.workspaces();
      const roots = policy.close(root);
      // A closed workspace's variables go too, its secrets deleted from the store.
      for (const gone of before.filter((r) => !roots.includes(r))) await variables.forget(gone);
      return { roots };
    },
    'workspaces.variables': () => variablesView(),
    async 'workspaces.saveVariables'({ root, variables: edits }) {
      await variables.save(root, edits);
      return variablesView();
    },
    'commands.list': () => ({ commands: policy.commands() }),
    'commands.save': ({ commands }) => ({ commands: policy.saveCommands(commands) }),
  };
}
