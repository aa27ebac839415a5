import type { BuildSpan } from '../../core/run-status';
import { ChildBuilds } from '../run-monitor/child-builds';
import type { HistoryEventLike } from '../run-monitor/history-events';

/** The part of a workflow handle this reads (structurally @temporalio/client's WorkflowHandle). */
export interface HistorySource {
  fetchHistory(): Promise<{ events?: readonly unknown[] | null }>;
}

/**
 * Each package's build attempts of a run nobody follows (a run of an earlier app launch), read
 * once from its history — the same spans the RunMonitor collects live, so the run charts of an
 * old run look like they did while it ran. Only this run of a continue-as-new chain is read: the
 * builds of earlier runs of the chain are not in it (their packages show no bars).
 */
export async function buildsFromHistory(
  handle: HistorySource,
  workflowId: string,
): Promise<ReadonlyMap<string, readonly BuildSpan[]>> {
  const history = await handle.fetchHistory();
  const builds = new ChildBuilds(workflowId);
  builds.apply((history.events ?? []) as HistoryEventLike[]);
  return builds.get();
}
