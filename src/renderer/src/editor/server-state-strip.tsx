import { useAppStore } from '../stores/store-context';
import { useNavigate } from '../navigation';

/**
 * A line under the editor's toolbar while the Temporal server is not ready: what it is doing and
 * what still works (editing and saving need only the store; Run needs the server). Nothing when
 * it is ready, so the canvas never carries a stale warning.
 */
export function ServerStateStrip() {
  const server = useAppStore((s) => s.server.status);
  const navigate = useNavigate();
  if (server && (server.state === 'ready' || server.state === 'external')) return null;
  const starting = server === null || server.state === 'starting';
  const text = starting
    ? 'The Temporal server is starting — edit and save now; Run is ready when the server is.'
    : `The Temporal server ${server.state === 'crashed' ? 'has crashed' : `is ${server.state}`}${server.message ? `: ${server.message}` : ''}. Edits still save; runs cannot start.`;
  return (
    <div
      className={`editor__server editor__server--${starting ? 'starting' : 'down'}`}
      role="status"
      data-testid="editor-server-state"
    >
      {text}
      {starting ? null : (
        <button type="button" className="button button--small" onClick={() => navigate({ page: 'settings' })}>
          Server settings
        </button>
      )}
    </div>
  );
}
