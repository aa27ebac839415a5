import { parseArgs } from 'node:util';
import type { ConnectionSettings } from '../../core/settings/connection-settings';
import { CONNECTION_FLAG_OPTIONS, CONNECTION_FLAGS_USAGE, connectionFromFlags } from './connection-flags';
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

${CONNECTION_FLAGS_USAGE}`;

/** Parses argv into options; throws an Error naming the bad flag or field. */
export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      ...CONNECTION_FLAG_OPTIONS,
      'print-ready': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(CLI_USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got "${values.port}"`);

  const connection = connectionFromFlags(values);
  return {
    dataDir: values['data-dir'] ?? defaultDataDir(),
    port,
    connection,
    printReady: values['print-ready'] ?? false,
  };
}
