/**
 * The Temporal connection flags every command shares (`run`, `worker`, `build`, browser mode),
 * parsed in one place into the app's ConnectionSettings — the same settings the app stores — so
 * the CLI has no connection path of its own. Secrets never become values here: an API key is a
 * reference to a file or an environment variable, read at connect time by the secret store.
 */
import { ConnectionSettingsSchema, type ConnectionSettings } from '../../core/settings/connection-settings';

/** The environment variable an API key is taken from when no flag names one (as the Temporal CLI does). */
export const API_KEY_ENV = 'TEMPORAL_API_KEY';

/** `parseArgs` options of the connection flags; spread them into a command's options. */
export const CONNECTION_FLAG_OPTIONS = {
  'temporal-address': { type: 'string' },
  namespace: { type: 'string' },
  tls: { type: 'boolean' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-server-name': { type: 'string' },
  'api-key-file': { type: 'string' },
  'api-key-env': { type: 'string' },
} as const;

/** Values of the connection flags as `parseArgs` returns them. */
export interface ConnectionFlagValues {
  'temporal-address'?: string;
  namespace?: string;
  tls?: boolean;
  'tls-ca'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'tls-server-name'?: string;
  'api-key-file'?: string;
  'api-key-env'?: string;
}

/** The usage lines of the connection flags. */
export const CONNECTION_FLAGS_USAGE = `Connection (default: the data folder's embedded dev server, or the cluster saved in the app's settings):
  --temporal-address HOST:PORT   a running Temporal frontend (a cluster, or a dev server) instead
  --namespace NS                 namespace (default "default")
  --tls                          TLS with the system's root certificates (implied by the options below)
  --tls-ca FILE  --tls-cert FILE  --tls-key FILE  --tls-server-name NAME
  --api-key-file FILE            API key read from FILE; else --api-key-env VAR, else $${API_KEY_ENV} if set`;

/**
 * The connection the flags name: undefined when they name none (the stored setting applies),
 * external with `--temporal-address`, embedded in another namespace with only `--namespace`.
 * Throws an Error naming the flag or field at fault (the command exits 2).
 */
export function connectionFromFlags(
  values: ConnectionFlagValues,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionSettings | undefined {
  const address = values['temporal-address'];
  const tlsFiles = {
    ...(values['tls-ca'] ? { caPath: values['tls-ca'] } : {}),
    ...(values['tls-cert'] ? { certPath: values['tls-cert'] } : {}),
    ...(values['tls-key'] ? { keyPath: values['tls-key'] } : {}),
    ...(values['tls-server-name'] ? { serverName: values['tls-server-name'] } : {}),
  };
  const wantsTls = values.tls === true || Object.keys(tlsFiles).length > 0;
  const file = values['api-key-file'];
  const variable = values['api-key-env'];
  if (file !== undefined && variable !== undefined) {
    throw new Error('Give the API key once: --api-key-file or --api-key-env, not both');
  }
  if (!address) {
    if (wantsTls || file !== undefined || variable !== undefined) {
      throw new Error(
        '--tls* and --api-key-* apply to an external cluster: add --temporal-address HOST:PORT',
      );
    }
    if (values.namespace === undefined) return undefined;
  }
  // The conventional variable counts only when a cluster is named: the embedded server needs no key.
  const apiKey =
    file !== undefined
      ? { file }
      : variable !== undefined
        ? { env: variable }
        : address && env[API_KEY_ENV]
          ? { env: API_KEY_ENV }
          : undefined;
  const raw = address
    ? {
        mode: 'external',
        address,
        namespace: values.namespace ?? 'default',
        ...(wantsTls ? { tls: tlsFiles } : {}),
        ...(apiKey ? { apiKey } : {}),
      }
    : { mode: 'embedded', namespace: values.namespace };
  const parsed = ConnectionSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    throw new Error(
      `Invalid connection flags: ${FLAG_OF_FIELD[field] ?? field}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The flag behind a settings field, so an error names what the user typed. */
const FLAG_OF_FIELD: Record<string, string> = {
  address: '--temporal-address',
  namespace: '--namespace',
  'tls.caPath': '--tls-ca',
  'tls.certPath': '--tls-cert',
  'tls.keyPath': '--tls-key (mTLS needs --tls-cert and --tls-key)',
  'tls.serverName': '--tls-server-name',
  'apiKey.file': '--api-key-file',
  'apiKey.env': '--api-key-env',
};
