import type { ServerStatus } from '../../../core/ipc/contract';
import { STATE_LABELS, STATE_TONES, badgeState } from './server-state';

export interface ServerStatusBadgeProps {
  status: ServerStatus | null;
  /** Why the status could not be read. */
  error: string | null;
}

/** Compact Temporal server status for the header; announces changes politely. */
export function ServerStatusBadge({ status, error }: ServerStatusBadgeProps) {
  const state = badgeState(status);
  const label = STATE_LABELS[state];
  const detail = status?.message ?? (status ? undefined : (error ?? 'Waiting for the server status…'));
  return (
    <div
      className={`status-badge status-badge--${STATE_TONES[state]}`}
      data-testid="server-status"
      data-state={state}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      title={detail}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__label">
        Temporal: <strong>{label}</strong>
      </span>
      {status?.address ? <span className="status-badge__address">{status.address}</span> : null}
    </div>
  );
}
