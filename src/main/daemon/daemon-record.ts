/**
 * `<dataDir>/build-daemon.json`: where a running build daemon listens and the token it wants.
 * Private (0600, in the 0700 data folder), like every file there: reading it is what lets a
 * process of the same user drive the daemon.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../app/private-files';

export interface DaemonRecord {
  pid: number;
  /** Control port on 127.0.0.1. */
  port: number;
  token: string;
  /** The build of workflow-builder it runs (daemonVersion()); another build does not use it. */
  version: string;
  temporal: { address: string; namespace: string };
  /** ISO-8601. */
  startedAt: string;
}

export const DAEMON_RECORD_FILE = 'build-daemon.json';

export function daemonRecordPath(dataDir: string): string {
  return join(dataDir, DAEMON_RECORD_FILE);
}

/** The record, or undefined when absent or not one (a torn or hand-edited file counts as absent). */
export function readDaemonRecord(dataDir: string): DaemonRecord | undefined {
  let parsed: Partial<DaemonRecord>;
  try {
    parsed = JSON.parse(readFileSync(daemonRecordPath(dataDir), 'utf8')) as Partial<DaemonRecord>;
  } catch {
    return undefined;
  }
  const valid =
    Number.isInteger(parsed.pid) &&
    Number.isInteger(parsed.port) &&
    typeof parsed.token === 'string' &&
    typeof parsed.version === 'string' &&
    typeof parsed.temporal?.address === 'string' &&
    typeof parsed.temporal.namespace === 'string';
  return valid ? (parsed as DaemonRecord) : undefined;
}

export function writeDaemonRecord(dataDir: string, record: DaemonRecord): void {
  writePrivateFileAtomically(daemonRecordPath(dataDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes the record if it is still `pid`'s (a successor's record is left alone). */
export function removeDaemonRecord(dataDir: string, pid: number): void {
  if (readDaemonRecord(dataDir)?.pid === pid) rmSync(daemonRecordPath(dataDir), { force: true });
}
