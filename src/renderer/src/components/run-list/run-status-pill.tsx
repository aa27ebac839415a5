import type { RunRecord } from '../../../../core/ipc/contract';
import { RUN_STATUS_LABELS } from '../../lib/run-format';

/** A run's status as a coloured pill (colour is never the only cue: the word is there). */
export function RunStatusPill({ status, waiting }: { status: RunRecord['status']; waiting?: boolean }) {
  const label = waiting ? 'Awaiting retry' : RUN_STATUS_LABELS[status];
  return (
    <span className={`run-pill run-pill--${waiting ? 'waiting' : status}`} data-testid="run-status">
      {label}
    </span>
  );
}
