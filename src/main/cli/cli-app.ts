/**
 * The app's services as a CLI command uses them (`run`, `worker`): opened with the command's
 * options, then started, each step's failure printed and turned into the command's exit code.
 */
import { IpcFailure, type StoredDefinition } from '../../core/ipc';
import { createAppServices, type AppServices, type AppServicesOptions } from '../app/app-services';
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
