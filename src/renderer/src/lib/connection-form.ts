import { contract, type RequestOf } from '../../../core/ipc/contract';
import type { ConnectionSettings } from '../../../core/settings/connection-settings';

/**
 * The Settings form's model: plain strings and flags, as the inputs hold them, converted to a
 * `settings.saveConnection` request and validated with the contract's own schema, so the client
 * reports the same mistakes main would, at the same paths.
 */

export type ApiKeySourceKind = 'none' | 'env' | 'file' | 'stored';

export interface ConnectionForm {
  mode: 'embedded' | 'external';
  namespace: string;
  address: string;
  /** The external cluster's Temporal Web UI (optional): the run page links child workflows there. */
  webUiUrl: string;
  tlsEnabled: boolean;
  caPath: string;
  certPath: string;
  keyPath: string;
  serverName: string;
  apiKeySource: ApiKeySourceKind;
  apiKeyEnv: string;
  apiKeyFile: string;
  /** A key to save in the OS keychain; never prefilled (secrets are not echoed back). */
  apiKeyValue: string;
}

/** The form fields an error can point at; `form` is "not about one field". */
export type FieldKey =
  | 'namespace'
  | 'address'
  | 'webUiUrl'
  | 'tls'
  | 'caPath'
  | 'certPath'
  | 'keyPath'
  | 'serverName'
  | 'apiKeySource'
  | 'apiKeyEnv'
  | 'apiKeyFile'
  | 'apiKeyValue'
  | 'form';

export type FieldErrors = Partial<Record<FieldKey, string>>;

export type SaveConnectionRequest = RequestOf<'settings.saveConnection'>;

export function formFromSettings(connection: ConnectionSettings): ConnectionForm {
  const form: ConnectionForm = {
    mode: connection.mode,
    namespace: connection.namespace ?? '',
    address: '',
    webUiUrl: '',
    tlsEnabled: false,
    caPath: '',
    certPath: '',
    keyPath: '',
    serverName: '',
    apiKeySource: 'none',
    apiKeyEnv: '',
    apiKeyFile: '',
    apiKeyValue: '',
  };
  if (connection.mode === 'external') {
    form.address = connection.address;
    form.webUiUrl = connection.webUiUrl ?? '';
    if (connection.tls) {
      form.tlsEnabled = true;
      form.caPath = connection.tls.caPath ?? '';
      form.certPath = connection.tls.certPath ?? '';
      form.keyPath = connection.tls.keyPath ?? '';
      form.serverName = connection.tls.serverName ?? '';
    }
    const key = connection.apiKey;
    if (key?.env !== undefined) {
      form.apiKeySource = 'env';
      form.apiKeyEnv = key.env;
    } else if (key?.file !== undefined) {
      form.apiKeySource = 'file';
      form.apiKeyFile = key.file;
    } else if (key?.stored) {
      form.apiKeySource = 'stored';
    }
  }
  return form;
}

/** The field a dotted error path names: request paths (`connection.address`) or connection paths (`address`). */
export function fieldForPath(path: string | undefined): FieldKey {
  if (!path) return 'form';
  if (path === 'apiKey') return 'apiKeyValue'; // the request's secret, not connection.apiKey
  const rest = path.startsWith('connection.') ? path.slice('connection.'.length) : path;
  switch (rest) {
    case 'namespace':
    case 'address':
    case 'webUiUrl':
    case 'tls':
      return rest;
    case 'tls.caPath':
      return 'caPath';
    case 'tls.certPath':
      return 'certPath';
    case 'tls.keyPath':
      return 'keyPath';
    case 'tls.serverName':
      return 'serverName';
    case 'apiKey':
    case 'apiKey.stored':
      return 'apiKeySource';
    case 'apiKey.env':
      return 'apiKeyEnv';
    case 'apiKey.file':
      return 'apiKeyFile';
    default:
      return 'form';
  }
}

const trimmed = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** A schema message as a sentence. */
function sentence(message: string): string {
  if (/mTLS needs both/.test(message))
    return 'Give both the client certificate and the client key, or neither.';
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export type BuildResult = { ok: true; request: SaveConnectionRequest } | { ok: false; errors: FieldErrors };

/**
 * Turns the form into a save request, or says what is wrong, field by field. `apiKeyStored`:
 * a key is already in the keychain, so "Saved in the OS keychain" may keep it without a new one.
 */
export function buildSaveRequest(form: ConnectionForm, options: { apiKeyStored: boolean }): BuildResult {
  const errors: FieldErrors = {};
  let connection: ConnectionSettings;
  let apiKey: string | undefined;

  if (form.mode === 'embedded') {
    const namespace = trimmed(form.namespace);
    connection = namespace === undefined ? { mode: 'embedded' } : { mode: 'embedded', namespace };
  } else {
    if (form.address.trim() === '')
      errors.address = 'Enter the address as host:port, e.g. temporal.example.com:7233.';
    if (form.namespace.trim() === '') errors.namespace = 'Enter a namespace, e.g. default.';
    const external: Extract<ConnectionSettings, { mode: 'external' }> = {
      mode: 'external',
      address: form.address.trim(),
      namespace: form.namespace.trim(),
    };
    const webUiUrl = trimmed(form.webUiUrl);
    if (webUiUrl !== undefined) external.webUiUrl = webUiUrl;
    if (form.tlsEnabled) {
      const tls: NonNullable<typeof external.tls> = {};
      const caPath = trimmed(form.caPath);
      const certPath = trimmed(form.certPath);
      const keyPath = trimmed(form.keyPath);
      const serverName = trimmed(form.serverName);
      if (caPath !== undefined) tls.caPath = caPath;
      if (certPath !== undefined) tls.certPath = certPath;
      if (keyPath !== undefined) tls.keyPath = keyPath;
      if (serverName !== undefined) tls.serverName = serverName;
      external.tls = tls;
    }
    switch (form.apiKeySource) {
      case 'env':
        external.apiKey = { env: form.apiKeyEnv.trim() };
        if (form.apiKeyEnv.trim() === '') errors.apiKeyEnv = 'Enter the name of the environment variable.';
        break;
      case 'file':
        external.apiKey = { file: form.apiKeyFile.trim() };
        if (form.apiKeyFile.trim() === '')
          errors.apiKeyFile = 'Enter the path of the file that holds the key.';
        break;
      case 'stored':
        external.apiKey = { stored: true };
        apiKey = trimmed(form.apiKeyValue);
        if (apiKey === undefined && !options.apiKeyStored)
          errors.apiKeyValue = 'Enter the API key to save in the keychain.';
        break;
      case 'none':
        break;
    }
    connection = external;
  }

  const request: SaveConnectionRequest = apiKey === undefined ? { connection } : { connection, apiKey };
  const parsed = contract['settings.saveConnection'].request.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForPath(issue.path.map(String).join('.'));
      // The first message per field, and the friendlier "required" ones above win.
      errors[field] ??= sentence(issue.message);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request };
}
