import { removePidFile, readPidFile } from './pid-file';
import {
  findDevServersForDb,
  isDevServerForDb,
  isProcessAlive,
  readProcessCommand,
  waitForProcessExit,
} from './process-inspection';

/** What the reaper found and did, for the log. */
export type ReapOutcome =
  | { kind: 'none' }
  | { kind: 'stale-pid-file'; pid: number; reason: string }
  | { kind: 'reaped'; pids: number[]; forced: boolean };

/** A live app instance still owns the dev server on this data folder: we must not touch it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly serverPid: number,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another workflow-builder process (pid ${ownerPid}, ` +
        `Temporal dev server pid ${serverPid}). Close that instance, or choose another data folder.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Stops a dev server left running on our db by an app that was killed (SIGKILL, crash, power loss of
 * the parent only). It holds the SQLite file, so a new server on the same db would fail or corrupt it.
 *
 * Safety: a pid is only signalled after its command line proves it is `temporal server start-dev`
 * on this exact db file — a recycled pid belonging to anything else is left alone.
 */
export async function reapOrphanedDevServer(options: {
  dataDir: string;
  dbPath: string;
  stopTimeoutMs: number;
  log?: (message: string) => void;
}): Promise<ReapOutcome> {
  const { dataDir, dbPath, stopTimeoutMs, log = () => {} } = options;
  const record = readPidFile(dataDir);
  const victims = new Set<number>();
  let staleReason: string | undefined;

  if (record) {
    const command = (await isProcessAlive(record.pid)) ? await readProcessCommand(record.pid) : undefined;
    if (!command) {
      staleReason = `pid ${record.pid} is no longer running`;
    } else if (!isDevServerForDb(command, dbPath)) {
      staleReason = `pid ${record.pid} now belongs to another program (${command.text.slice(0, 120)})`;
    } else if (
      record.ownerPid !== process.pid &&
      record.ownerPid > 0 &&
      (await isProcessAlive(record.ownerPid))
    ) {
      throw new DataDirInUseError(dataDir, record.pid, record.ownerPid);
    } else {
      victims.add(record.pid);
    }
  }
  for (const pid of await findDevServersForDb(dbPath)) victims.add(pid);

  if (victims.size === 0) {
    if (record) {
      removePidFile(dataDir);
      log(`removed stale pid file: ${staleReason ?? 'no server found'}`);
      return { kind: 'stale-pid-file', pid: record.pid, reason: staleReason ?? 'no server found' };
    }
    return { kind: 'none' };
  }

  let forced = false;
  for (const pid of victims) {
    log(`stopping orphaned Temporal dev server pid ${pid} on ${dbPath}`);
    forced = (await terminate(pid, stopTimeoutMs)) || forced;
  }
  removePidFile(dataDir);
  return { kind: 'reaped', pids: [...victims], forced };
}

/** SIGTERM, then SIGKILL after `timeoutMs`. Resolves true when SIGKILL was needed. */
export async function terminate(pid: number, timeoutMs: number): Promise<boolean> {
  signal(pid, 'SIGTERM');
  if (await waitForProcessExit(pid, timeoutMs)) return false;
  signal(pid, 'SIGKILL');
  if (!(await waitForProcessExit(pid, 5_000))) throw new Error(`Process ${pid} survived SIGKILL`);
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
