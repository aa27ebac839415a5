/**
 * The app's services as a CLI command uses them (`run`, `worker`): opened with the command's
 * options, then started, each step's failure printed and turned into the command's exit code.
 */
import { IpcFailure, type StoredDefinition } from '../../core/ipc';
import { createAppServices, type AppServices, type AppServicesOptions } from '../app/app-services';
import { connectionFromFlags, type ConnectionFlagValues } from '../app/connection-flags';
import { defaultDataDir } from '../app/data-dir';
import { createEnvFileSecretStore } from '../dev-server';
import type { CliIo } from './cli-io';

/** The services, or the exit code: 2 for a --workspace that is not a folder (bad usage), 1 otherwise. */
export function openCliApp(io: CliIo, options: AppServicesOptions): AppServices | number {
  try {
    return createAppServices(options);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    // A --workspace that is not a folder is bad usage; anything else (a damaged store) a failure.
    return error instanceof IpcFailure && error.path === 'workspace' ? 2 : 1;
  }
}

/** The flags `run` and `worker` share beyond the connection: the data folder and open workspaces. */
export interface CliAppFlagValues extends ConnectionFlagValues {
  'data-dir'?: string;
  workspace?: string[];
}

/**
 * The services opened from a command's flags (connection, data folder, workspaces; secrets from the
 * environment, as a CLI has no keychain), or the exit code: 2 for a bad connection flag.
 */
export function openCliAppFromFlags(
  io: CliIo,
  values: CliAppFlagValues,
  extra: Partial<AppServicesOptions> = {},
): AppServices | number {
  let connection;
  try {
    connection = connectionFromFlags(values);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  return openCliApp(io, {
    dataDir: values['data-dir'] ?? defaultDataDir(),
    connection,
    secrets: createEnvFileSecretStore(),
    workspaces: values.workspace,
    ...extra,
  });
}

/**
 * Starts the services; false (after saying why) when Temporal is not there to use. `preload`: the
 * definition the command is about to run, loaded into the first worker (one worker start, not two).
 */
export async function startCliApp(app: AppServices, io: CliIo, preload?: StoredDefinition): Promise<boolean> {
  await app.start(preload);
  const status = app.temporal.status();
  if (status.state === 'ready' || status.state === 'external') return true;
  io.err(`Temporal is not available (${status.state}): ${status.message ?? 'no details'}`);
  return false;
}
