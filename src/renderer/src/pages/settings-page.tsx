import { useEffect } from 'react';
import { ConnectionSettingsForm } from '../components/connection-settings-form';
import { ErrorMessage } from '../components/error-message';
import { ServerSidebar } from '../components/server-sidebar';
import { WorkerPolicySettings } from '../components/worker-policy-settings';
import { STATE_TONES, badgeState } from '../components/server-state';
import type { SaveConnectionRequest } from '../lib/connection-form';
import { useAppActions, useAppStore, useSettingsStore } from '../stores/store-context';

/**
 * Settings: the Temporal connection, applied on Save, with the live server status beside it; then
 * what the worker may run (workspaces, commands).
 */
export function SettingsPage() {
  const settings = useSettingsStore((s) => s);
  const server = useAppStore((s) => s.server);
  const appActions = useAppActions();
  const { actions, view, status, loadError, saving, saveError, savedCount, revision } = settings;

  useEffect(() => {
    void actions.load();
  }, [actions]);

  const save = async (request: SaveConnectionRequest) => {
    // Main answers once it has applied the settings; the status events may have come first.
    if (await actions.save(request)) void appActions.refreshServerStatus();
  };

  const tone = STATE_TONES[badgeState(server.status)];
  const outcome = saving
    ? 'Saving — connecting…'
    : savedCount > 0 && !saveError
      ? server.status?.state === 'starting' || !server.status
        ? 'Saved — connecting…'
        : tone === 'ok'
          ? 'Saved — connected.'
          : 'Saved, but the server is not ready: see Temporal server.'
      : '';

  return (
    <div className="page page--split">
      <section className="panel" aria-labelledby="settings-title" aria-busy={status === 'loading'}>
        <div className="panel__header">
          <div>
            <h1 id="settings-title">Settings</h1>
          </div>
        </div>

        {status === 'error' && loadError ? (
          <ErrorMessage
            title="Could not load the settings"
            message={loadError}
            action={
              <button type="button" className="button button--small" onClick={() => void actions.load()}>
                Retry
              </button>
            }
          />
        ) : null}

        {view ? (
          <ConnectionSettingsForm
            key={revision}
            view={view}
            saving={saving}
            saveError={saveError}
            onSave={(request) => void save(request)}
            onEdit={actions.clearSaveError}
            footer={
              <p
                className={`form-actions__status ${outcome && !saving ? `form-actions__status--${tone}` : ''}`}
                role="status"
                aria-live="polite"
                data-testid="settings-save-status"
              >
                {outcome}
              </p>
            }
          />
        ) : status !== 'error' ? (
          <p className="muted" data-testid="settings-loading">
            Loading settings…
          </p>
        ) : null}

        <WorkerPolicySettings />
      </section>

      <ServerSidebar />
    </div>
  );
}
