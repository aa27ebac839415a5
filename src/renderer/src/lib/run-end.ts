import type { RunRecord } from '../../../core/ipc/contract';
import { RUN_STATUS_LABELS } from './run-format';

/**
 * Tracks which runs were seen running, so a `runs.changed` to a closed status can be told apart
 * from a list reload: only a run this session saw running ends "now". Pure except for its map.
 */
export class RunEndTracker {
  private readonly running = new Set<string>();

  /** The message for a run that just ended, or null. */
  update(record: RunRecord): string | null {
    if (record.status === 'running') {
      this.running.add(record.workflowId);
      return null;
    }
    // continued_as_new is not an end: the same workflow runs on.
    if (record.status === 'continued_as_new' || !this.running.delete(record.workflowId)) return null;
    return `${record.workflowType} ${record.workflowId}: ${RUN_STATUS_LABELS[record.status].toLowerCase()}`;
  }
}
