import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionSettingsView } from '../../../core/ipc/contract';
import {
  buildSaveRequest,
  fieldForPath,
  formFromSettings,
  type ApiKeySourceKind,
  type ConnectionForm,
  type FieldErrors,
  type FieldKey,
  type SaveConnectionRequest,
} from '../lib/connection-form';
import type { SaveError } from '../stores/settings-store';
import { ErrorMessage } from './error-message';
import { FormField, TextField } from './form-field';

export interface ConnectionSettingsFormProps {
  view: ConnectionSettingsView;
  saving: boolean;
  saveError: SaveError | null;
  onSave: (request: SaveConnectionRequest) => void;
  /** The user changed something (the last save error no longer applies). */
  onEdit: () => void;
  /** Shown next to the Save button (e.g. "Saved — connecting…"). */
  footer?: ReactNode;
}

const API_KEY_SOURCES: { value: ApiKeySourceKind; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'env', label: 'Environment variable' },
  { value: 'file', label: 'File' },
  { value: 'stored', label: 'Saved in the OS keychain' },
];

/** Why "Saved in the OS keychain" is disabled, always naming the alternatives. */
function keychainHint(reason: string | undefined): string {
  const why = (reason ?? 'The OS keychain is not available here.').trim().replace(/\.+$/, '.');
  const sentence = /[.!?]$/.test(why) ? why : `${why}.`;
  return /environment variable/i.test(sentence)
    ? sentence
    : `${sentence} Use an environment variable or a file instead.`;
}

/**
 * The "Temporal connection" form. Reset it by changing its `key` when the settings are reloaded
 * or saved: it keeps its own draft until then. A saved API key is never shown: the key input
 * always starts empty.
 */
export function ConnectionSettingsForm({
  view,
  saving,
  saveError,
  onSave,
  onEdit,
  footer,
}: ConnectionSettingsFormProps) {
  const [form, setForm] = useState<ConnectionForm>(() => formFromSettings(view.connection));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const serverField: FieldKey | null = saveError ? fieldForPath(saveError.path) : null;
  const errors: FieldErrors = { ...clientErrors };
  if (saveError && serverField && serverField !== 'form') errors[serverField] ??= saveError.message;

  const update = (patch: Partial<ConnectionForm>, fields: FieldKey[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setClientErrors((e) => {
      const next = { ...e };
      for (const field of fields) delete next[field];
      return next;
    });
    onEdit();
  };
  const text = (key: keyof ConnectionForm & FieldKey) => (event: { target: { value: string } }) =>
    update({ [key]: event.target.value }, [key]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = buildSaveRequest(form, { apiKeyStored: view.apiKeyStored });
    if (!result.ok) {
      setClientErrors(result.errors);
      // Move focus to the first invalid control so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>('.connection-form [aria-invalid="true"]')?.focus();
      });
      return;
    }
    setClientErrors({});
    onSave(result.request);
  };

  const { canSave, reason } = view.secretStorage;
  const external = form.mode === 'external';

  return (
    <form className="connection-form" onSubmit={submit} noValidate aria-labelledby="connection-form-title">
      <div>
        <h2 id="connection-form-title">Temporal connection</h2>
        <p className="panel__subtitle">
          Where the app runs its workflows. Saving applies the settings at once: the app reconnects.
        </p>
      </div>
      {saveError && serverField === 'form' ? (
        <ErrorMessage title="Could not save the settings" message={saveError.message} />
      ) : null}
      {errors.form ? <ErrorMessage title="Check the settings" message={errors.form} /> : null}

      <fieldset className="fieldset">
        <legend className="fieldset__legend">Server</legend>
        <div className="choice-list" role="radiogroup" aria-label="Server">
          <label className="choice">
            <input
              type="radio"
              name="mode"
              value="embedded"
              checked={form.mode === 'embedded'}
              onChange={() => update({ mode: 'embedded' }, ['address', 'namespace'])}
            />
            <span>
              <span className="choice__title">Embedded dev server</span>
              <span className="choice__hint">
                Started and stopped by the app, data kept in the app's data folder.
              </span>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="mode"
              value="external"
              checked={external}
              onChange={() =>
                update(
                  { mode: 'external', namespace: form.namespace.trim() === '' ? 'default' : form.namespace },
                  ['namespace'],
                )
              }
            />
            <span>
              <span className="choice__title">External cluster</span>
              <span className="choice__hint">
                A Temporal cluster run elsewhere: the app only connects to it.
              </span>
            </span>
          </label>
        </div>
      </fieldset>

      <div className="field-grid">
        {external ? (
          <TextField
            id="conn-address"
            label="Address"
            hint={
              <>
                <code>host:port</code> of the frontend service, e.g. <code>temporal.example.com:7233</code>
              </>
            }
            error={errors.address}
            value={form.address}
            onChange={text('address')}
            placeholder="temporal.example.com:7233"
            autoComplete="off"
          />
        ) : null}
        <TextField
          id="conn-namespace"
          label="Namespace"
          hint={external ? undefined : 'Created when the server starts; "default" when empty.'}
          error={errors.namespace}
          value={form.namespace}
          onChange={text('namespace')}
          placeholder="default"
          autoComplete="off"
        />
        {external ? (
          <TextField
            id="conn-web-ui"
            label="Web UI address (optional)"
            hint="The cluster's Temporal Web UI, e.g. https://temporal.example.com: run pages link each child workflow there."
            error={errors.webUiUrl}
            value={form.webUiUrl}
            onChange={text('webUiUrl')}
            placeholder="https://temporal.example.com"
            autoComplete="off"
          />
        ) : null}
      </div>

      {external ? (
        <>
          <fieldset className="fieldset">
            <legend className="fieldset__legend">TLS</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.tlsEnabled}
                onChange={(e) =>
                  update({ tlsEnabled: e.target.checked }, [
                    'tls',
                    'caPath',
                    'certPath',
                    'keyPath',
                    'serverName',
                  ])
                }
              />
              Use TLS
            </label>
            {errors.tls ? <p className="field__error">{errors.tls}</p> : null}
            {form.tlsEnabled ? (
              <div className="field-grid">
                <TextField
                  id="conn-ca-path"
                  label="CA certificate file (optional)"
                  hint="PEM file of the CA that signed the server certificate; the system's roots when empty."
                  error={errors.caPath}
                  value={form.caPath}
                  onChange={text('caPath')}
                />
                <TextField
                  id="conn-server-name"
                  label="Server name (optional)"
                  hint="When it differs from the address host."
                  error={errors.serverName}
                  value={form.serverName}
                  onChange={text('serverName')}
                />
                <TextField
                  id="conn-cert-path"
                  label="Client certificate file (mTLS)"
                  error={errors.certPath}
                  value={form.certPath}
                  onChange={text('certPath')}
                />
                <TextField
                  id="conn-key-path"
                  label="Client key file (mTLS)"
                  hint="Read when connecting; never copied into the app."
                  error={errors.keyPath}
                  value={form.keyPath}
                  onChange={text('keyPath')}
                />
              </div>
            ) : null}
          </fieldset>

          <fieldset className="fieldset">
            <legend className="fieldset__legend">API key</legend>
            <div className="field-grid">
              <FormField
                id="conn-api-key-source"
                label="Source"
                hint={
                  !canSave ? (
                    <span data-testid="keychain-unavailable">{keychainHint(reason)}</span>
                  ) : undefined
                }
                error={errors.apiKeySource}
              >
                {(aria) => (
                  <select
                    id="conn-api-key-source"
                    className="input"
                    value={form.apiKeySource}
                    onChange={(e) =>
                      update({ apiKeySource: e.target.value as ApiKeySourceKind }, [
                        'apiKeySource',
                        'apiKeyEnv',
                        'apiKeyFile',
                        'apiKeyValue',
                      ])
                    }
                    {...aria}
                  >
                    {API_KEY_SOURCES.map((s) => (
                      <option key={s.value} value={s.value} disabled={s.value === 'stored' && !canSave}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              {form.apiKeySource === 'env' ? (
                <TextField
                  id="conn-api-key-env"
                  label="Variable name"
                  hint="Read from the app's environment when connecting."
                  error={errors.apiKeyEnv}
                  value={form.apiKeyEnv}
                  onChange={text('apiKeyEnv')}
                  placeholder="TEMPORAL_API_KEY"
                  autoComplete="off"
                />
              ) : null}
              {form.apiKeySource === 'file' ? (
                <TextField
                  id="conn-api-key-file"
                  label="File path"
                  hint="Its content is the key (a trailing newline is ignored)."
                  error={errors.apiKeyFile}
                  value={form.apiKeyFile}
                  onChange={text('apiKeyFile')}
                  autoComplete="off"
                />
              ) : null}
              {form.apiKeySource === 'stored' ? (
                <TextField
                  id="conn-api-key-value"
                  label={view.apiKeyStored ? 'Replace the saved key (optional)' : 'API key'}
                  hint={
                    view.apiKeyStored ? (
                      <span data-testid="api-key-stored">A key is saved. Leave this empty to keep it.</span>
                    ) : (
                      view.secretStorage.description
                    )
                  }
                  error={errors.apiKeyValue}
                  type="password"
                  value={form.apiKeyValue}
                  onChange={text('apiKeyValue')}
                  autoComplete="new-password"
                />
              ) : null}
            </div>
          </fieldset>
        </>
      ) : null}

      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving}
          data-testid="save-connection"
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
        {footer}
      </div>
    </form>
  );
}
