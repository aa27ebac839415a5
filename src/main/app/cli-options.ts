import { parseArgs } from 'node:util';
import { ConnectionSettingsSchema, type ConnectionSettings } from '../../core/settings/connection-settings';
import { defaultDataDir } from './data-dir';

/** Options shared by browser mode and the CLI. */
export interface CliOptions {
  dataDir: string;
  port: number;
  /** Set when flags name a connection; otherwise the stored setting applies. */
  connection: ConnectionSettings | undefined;
  /** Print a machine-readable ready line (used by the test runner). */
  printReady: boolean;
}

export const CLI_USAGE = `Options:
  --data-dir DIR            data folder (default: ${defaultDataDir()})
  --port N                  browser-mode port on 127.0.0.1 (default: any free port)
  --temporal-address H:P    use an existing Temporal cluster instead of the embedded dev server
  --namespace NS            namespace (default: "default")
  --tls                     connect with TLS (system roots unless --tls-ca)
  --tls-ca FILE --tls-cert FILE --tls-key FILE --tls-server-name NAME
  --api-key-env VAR | --api-key-file FILE   where the cluster API key is read from (never stored)`;

/** Parses argv into options; throws an Error naming the bad flag or field. */
export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'temporal-address': { type: 'string' },
      namespace: { type: 'string' },
      tls: { type: 'boolean' },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-server-name': { type: 'string' },
      'api-key-env': { type: 'string' },
      'api-key-file': { type: 'string' },
      'print-ready': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(CLI_USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got "${values.port}"`);

  const address = values['temporal-address'];
  const wantsTls = values.tls || values['tls-ca'] || values['tls-cert'] || values['tls-key'] || values['tls-server-name'];
  const raw = address
    ? {
        mode: 'external',
        address,
        namespace: values.namespace ?? 'default',
        ...(wantsTls
          ? {
              tls: {
                ...(values['tls-ca'] ? { caPath: values['tls-ca'] } : {}),
                ...(values['tls-cert'] ? { certPath: values['tls-cert'] } : {}),
                ...(values['tls-key'] ? { keyPath: values['tls-key'] } : {}),
                ...(values['tls-server-name'] ? { serverName: values['tls-server-name'] } : {}),
              },
            }
          : {}),
        ...(values['api-key-env'] || values['api-key-file']
          ? { apiKey: { ...(values['api-key-env'] ? { env: values['api-key-env'] } : {}), ...(values['api-key-file'] ? { file: values['api-key-file'] } : {}) } }
          : {}),
      }
    : values.namespace
      ? { mode: 'embedded', namespace: values.namespace }
      : undefined;
  if (!address && (wantsTls || values['api-key-env'] || values['api-key-file'])) {
    throw new Error('--tls and --api-key-* apply to an external cluster: add --temporal-address host:port');
  }
  const parsed = raw === undefined ? undefined : ConnectionSettingsSchema.safeParse(raw);
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid connection settings: ${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    dataDir: values['data-dir'] ?? defaultDataDir(),
    port,
    connection: parsed?.data,
    printReady: values['print-ready'] ?? false,
  };
}
