import type { RunRecord } from '../../../core/ipc/contract';
import type { RunSummary } from '../../../core/run-status';

/** Formatting of runs for the runs list and the run page. Pure. */

/** "850 ms", "12.3 s", "4 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Run time so far (running) or in total (closed). */
export function runDurationMs(record: Pick<RunRecord, 'startedAt' | 'closedAt'>, now: number): number {
  const start = Date.parse(record.startedAt);
  const end = record.closedAt ? Date.parse(record.closedAt) : now;
  return end - start;
}

/** Package counts of a run: the live summary while it runs, else what was stored at its close. */
export function runCounts(
  record: RunRecord,
  live: RunSummary | undefined,
): { done: number; failed: number; total: number } | null {
  const totals = live?.totals ?? (record.summary as { totals?: RunSummary['totals'] } | undefined)?.totals;
  if (!totals) return null;
  return { done: totals.completed, failed: totals.failed, total: totals.packages };
}

/** Words for a run's status. */
export const RUN_STATUS_LABELS: Record<RunRecord['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  terminated: 'Terminated',
  timed_out: 'Timed out',
  continued_as_new: 'Continued as new',
};
