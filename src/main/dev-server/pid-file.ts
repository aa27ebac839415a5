import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { PRIVATE_DIR_MODE, writePrivateFileAtomically } from '../app/private-files';
import { join } from 'node:path';

/** The ports a running dev server listens on (all on 127.0.0.1). */
export interface DevServerPorts {
  /** Frontend gRPC service: what clients and workers connect to. */
  frontend: number;
  /** Web UI (absent when the server runs headless). */
  ui?: number;
  /** Prometheus `/metrics`. */
  metrics: number;
  /** HTTP API. */
  http: number;
}

/**
 * What we know about the server we started, written next to its db. If the app is killed, the
 * server outlives it; the next start reads this record to find that orphan and stop it, because
 * it still holds the db file.
 */
export interface DevServerPidRecord {
  /** Pid of the `temporal server start-dev` process. */
  pid: number;
  /** Pid of the app process that started it: a live owner means another app instance uses this data folder. */
  ownerPid: number;
  ports: DevServerPorts;
  binaryPath: string;
  dbPath: string;
  /** ISO-8601. */
  startedAt: string;
}

export const PID_FILE_NAME = 'temporal-dev-server.pid.json';

export function pidFilePath(dataDir: string): string {
  return join(dataDir, PID_FILE_NAME);
}

/** Reads the record; undefined when absent or unreadable (a torn or hand-edited file is treated as absent). */
export function readPidFile(dataDir: string): DevServerPidRecord | undefined {
  let raw: string;
  try {
    raw = readFileSync(pidFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<DevServerPidRecord>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid ?? 0) <= 0 || typeof parsed.dbPath !== 'string')
      return undefined;
    return parsed as DevServerPidRecord;
  } catch {
    return undefined;
  }
}

/** Writes the record atomically (temp file + rename), so a crash mid-write never leaves half a record. */
export function writePidFile(dataDir: string, record: DevServerPidRecord): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  writePrivateFileAtomically(pidFilePath(dataDir), `${JSON.stringify(record, null, 2)}\n`);
}

export function removePidFile(dataDir: string): void {
  rmSync(pidFilePath(dataDir), { force: true });
}
