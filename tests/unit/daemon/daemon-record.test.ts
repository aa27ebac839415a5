// Tier: unit. The build daemon's record: written private (0600), a torn or foreign file reads as
// no daemon, and a daemon removes only its own record (never a successor's).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  daemonRecordPath,
  readDaemonRecord,
  removeDaemonRecord,
  writeDaemonRecord,
  type DaemonRecord,
} from '../../../src/main/daemon/daemon-record';

const dirs: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-daemon-record-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const record = (pid: number): DaemonRecord => ({
  pid,
  port: 41_000,
  token: 'secret',
  version: 'v1',
  temporal: { address: '127.0.0.1:7233', namespace: 'default' },
  startedAt: '2026-12-02T00:00:00.000Z',
});

describe('the build daemon record', () => {
  it('round-trips, readable by the user alone', () => {
    const dir = dataDir();
    writeDaemonRecord(dir, record(42));
    expect(readDaemonRecord(dir)).toEqual(record(42));
    expect(statSync(daemonRecordPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('reads a missing, torn or hand-edited file as no daemon', () => {
    const dir = dataDir();
    expect(readDaemonRecord(dir)).toBeUndefined();
    writeFileSync(daemonRecordPath(dir), '{"pid": 4');
    expect(readDaemonRecord(dir)).toBeUndefined();
    writeFileSync(daemonRecordPath(dir), JSON.stringify({ ...record(42), port: 'x' }));
    expect(readDaemonRecord(dir)).toBeUndefined();
  });

  it('is removed only by the daemon it names', () => {
    const dir = dataDir();
    writeDaemonRecord(dir, record(43));
    removeDaemonRecord(dir, 42);
    expect(readDaemonRecord(dir)?.pid).toBe(43);
    removeDaemonRecord(dir, 43);
    expect(readDaemonRecord(dir)).toBeUndefined();
  });
});
