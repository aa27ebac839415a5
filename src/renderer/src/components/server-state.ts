import type { ServerState, ServerStatus } from '../../../core/ipc/contract';

/** Badge state: the server's, or `unknown` while it cannot be read. */
export type BadgeState = ServerState | 'unknown';

export const STATE_LABELS: Record<BadgeState, string> = {
  starting: 'Starting',
  ready: 'Ready',
  crashed: 'Crashed',
  stopped: 'Stopped',
  external: 'Connected',
  unavailable: 'Unavailable',
  unknown: 'Unknown',
};

/** Visual tone of a state (maps to CSS modifiers). */
export const STATE_TONES: Record<BadgeState, 'ok' | 'busy' | 'bad' | 'idle'> = {
  starting: 'busy',
  ready: 'ok',
  crashed: 'bad',
  stopped: 'idle',
  external: 'ok',
  unavailable: 'bad',
  unknown: 'idle',
};

export function badgeState(status: ServerStatus | null): BadgeState {
  return status?.state ?? 'unknown';
}
