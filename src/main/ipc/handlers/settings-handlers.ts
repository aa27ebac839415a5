import {
  STORED_API_KEY_SECRET,
  type ConnectionSettings,
} from '../../../core/settings/connection-settings';
import { IpcFailure, type ConnectionSettingsView } from '../../../core/ipc';
import type { SecretStore } from '../../dev-server';
import type { Handlers } from '../dispatcher';

export interface SettingsHandlersDeps {
  secrets: SecretStore;
  /** The connection in force now. */
  current: () => ConnectionSettings;
  /** Stores the settings (no secrets in them) and reconnects accordingly. */
  apply: (settings: ConnectionSettings) => Promise<void>;
}

/**
 * settings.*: the Temporal connection. A key typed into Settings goes straight to the secret
 * store (the OS-encrypted one in the desktop app) and never into the app's database; browser
 * mode has no such store and refuses, pointing at environment variables and files instead.
 */
export function createSettingsHandlers(
  deps: SettingsHandlersDeps,
): Pick<Handlers, 'settings.getConnection' | 'settings.saveConnection'> {
  async function view(): Promise<ConnectionSettingsView> {
    const check = deps.secrets.canSave();
    const apiKeyStored = await deps.secrets
      .read({ kind: 'stored', key: STORED_API_KEY_SECRET })
      .then(() => true)
      .catch(() => false);
    return {
      connection: deps.current(),
      apiKeyStored,
      secretStorage: check.ok
        ? { canSave: true, description: deps.secrets.description }
        : { canSave: false, reason: check.reason, description: deps.secrets.description },
    };
  }

  return {
    'settings.getConnection': () => view(),
    async 'settings.saveConnection'({ connection, apiKey }) {
      const wantsStored = connection.mode === 'external' && connection.apiKey?.stored === true;
      if (apiKey !== undefined && !wantsStored) {
        throw new IpcFailure('INVALID_INPUT', 'An API key can only be saved with "Saved in the OS keychain" as its source', 'apiKey');
      }
      if (apiKey !== undefined) {
        const check = deps.secrets.canSave();
        if (!check.ok) throw new IpcFailure('INVALID_INPUT', `Cannot save the API key: ${check.reason}`, 'apiKey');
        await deps.secrets.save(STORED_API_KEY_SECRET, apiKey);
      }
      // A key the connection no longer uses is not kept.
      if (!wantsStored) await deps.secrets.delete(STORED_API_KEY_SECRET);
      await deps.apply(connection);
      return view();
    },
  };
}
