import type { OrchestrationState } from '../../core/orchestration/orchestration-state';
import type { RunRecord } from '../../core/ipc';

/**
 * The orchestration state of a closed run rebuilt from the summary RunMonitor stored at its
 * close: what the run page shows when the workflow cannot be asked any more (its type is no
 * longer loaded, or the server forgot it). Undefined when the summary holds no package lists.
 */
export function stateFromSummary(record: RunRecord): OrchestrationState | undefined {
  const s = record.summary as Partial<OrchestrationState> | undefined;
  if (!s || !Array.isArray(s.completed) || !Array.isArray(s.failed) || !Array.isArray(s.blocked))
    return undefined;
  const totals = s.totals ?? {
    packages: s.completed.length + s.failed.length + s.blocked.length,
    completed: s.completed.length,
    failed: s.failed.length,
    blocked: s.blocked.length,
    active: 0,
    queued: 0,
    pending: 0,
  };
  return {
    workflowType: record.workflowType,
    phase: 'finished',
    totals,
    completed: s.completed,
    ...(Array.isArray(s.skipped) ? { skipped: s.skipped } : {}),
    active: [],
    failed: s.failed,
    blocked: s.blocked,
    queue: [],
    concurrency: { now: 0, max: 0 },
    eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 0 },
    startedAt: record.startedAt,
    ...(record.closedAt ? { finishedAt: record.closedAt } : {}),
  };
}
