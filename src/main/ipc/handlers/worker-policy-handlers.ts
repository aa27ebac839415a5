import type { WorkerPolicySettings } from '../../app/worker-policy-settings';
import type { Handlers } from '../dispatcher';

/**
 * workspaces.* and commands.*: what the worker may build in and run. The user decides here; a
 * workflow input only names an opened workspace or an allowed command (see docs/security.md).
 */
export function createWorkerPolicyHandlers(
  policy: WorkerPolicySettings,
): Pick<
  Handlers,
  'workspaces.list' | 'workspaces.open' | 'workspaces.close' | 'commands.list' | 'commands.save'
> {
  return {
    'workspaces.list': () => ({ roots: policy.workspaces() }),
    'workspaces.open': ({ root }) => ({ roots: policy.open(root) }),
    'workspaces.close': ({ root }) => ({ roots: policy.close(root) }),
    'commands.list': () => ({ commands: policy.commands() }),
    'commands.save': ({ commands }) => ({ commands: policy.saveCommands(commands) }),
  };
}
