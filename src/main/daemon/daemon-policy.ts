/**
 * The build daemon's worker policy: the union of what its connected clients opened. A workspace is
 * open while a command that builds it is attached, with that command's environment as the base of
 * its builds; with no client attached the daemon's worker builds nowhere.
 */
import { EMPTY_WORKER_POLICY, type WorkerPolicy } from '../../core/settings/worker-policy';
import type { WorkspaceEnvironment } from '../../core/settings/workspace-variables';

/** One attached command as the policy sees it (undefined policy: attached, not served yet). */
export interface PolicyClient {
  policy?: WorkerPolicy;
  env?: Record<string, string>;
}

export function mergeClientPolicies(clients: readonly PolicyClient[]): WorkerPolicy {
  const workspaces = new Set<string>();
  const environments: Record<string, WorkspaceEnvironment> = {};
  const secretVariables = new Set<string>();
  let commands: WorkerPolicy['commands'] = EMPTY_WORKER_POLICY.commands;
  for (const client of clients) {
    if (!client.policy) continue;
    // Every client reads the same store: the latest one's allow-list is the current one.
    commands = client.policy.commands;
    for (const name of client.policy.secretVariables ?? []) secretVariables.add(name);
    for (const root of client.policy.workspaces) {
      workspaces.add(root);
      environments[root] = {
        ...(client.policy.environments?.[root] ?? { variables: {} }),
        ...(client.env ? { base: client.env } : {}),
      };
    }
  }
  return { workspaces: [...workspaces], commands, environments, secretVariables: [...secretVariables] };
}
