import type { ConnectionInfo } from '../api/connection';
import { MISSING_TOKEN_MESSAGE } from '../api/transport';

export interface ConnectionBannerProps {
  connection: ConnectionInfo;
  onRetry: () => void;
}

/** Shown while the browser-mode connection to the host is down; hidden when healthy. */
export function ConnectionBanner({ connection, onRetry }: ConnectionBannerProps) {
  const { state, attempt, everConnected } = connection;
  if (state === 'open' || (state === 'connecting' && attempt === 0)) return null;

  let text: string;
  let retry = false;
  switch (state) {
    case 'missing-token':
      text = MISSING_TOKEN_MESSAGE;
      break;
    case 'closed':
      text = 'Disconnected from the workflow-builder host. Reload the page to reconnect.';
      break;
    case 'connecting':
      retry = true;
      text = everConnected ? 'Disconnected — reconnecting…' : 'Connecting to the workflow-builder host…';
      break;
    case 'reconnecting':
      retry = true;
      text = everConnected
        ? 'Disconnected — reconnecting…'
        : 'Cannot reach the workflow-builder host — retrying… If the host was restarted, open the new URL it printed (the access token changes on every launch).';
      break;
  }

  return (
    <div
      className={`connection-banner connection-banner--${state}`}
      data-testid="connection-banner"
      data-state={state}
      role={state === 'missing-token' ? 'alert' : 'status'}
      aria-live="polite"
    >
      <span className="connection-banner__text">{text}</span>
      {retry ? (
        <button
          type="button"
          className="button button--small button--on-dark"
          onClick={onRetry}
          disabled={state === 'connecting'}
        >
          Retry now
        </button>
      ) : null}
    </div>
  );
}
