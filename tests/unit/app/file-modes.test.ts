import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { BuildLog } from '../../../src/main/activities/build-log';
import { createAppServices } from '../../../src/main/app/app-services';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import { LOG_FILE_NAME } from '../../../src/main/dev-server/dev-server-config';
import { pidFilePath, writePidFile } from '../../../src/main/dev-server/pid-file';
import { openServerLog } from '../../../src/main/dev-server/server-log';

/**
 * "Files are private": under the common 0022 umask (which gives 0644 files and 0755 folders),
 * everything the app creates in its data folder is 0600 / 0700 — and so is what an older version
 * left there with wider modes.
 */

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

let previousUmask: number;
const dirs: string[] = [];
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-modes-'));
  dirs.push(dir);
  return dir;
}

describe('data folder and files are private under umask 0022', () => {
  it('creates the data folder 0700 and the store (db, -wal, -shm) 0600', async () => {
    const dataDir = join(tempRoot(), 'nested', 'data');
    const services = createAppServices({ dataDir, secrets: createEnvFileSecretStore({}) });
    try {
      const saved = await services.dispatch('definitions.save', {
        definition: { schemaVersion: 1, name: 'x', nodes: [{ id: 's', kind: 'start', data: {} }], edges: [], settings: {} },
      });
      expect(saved.ok).toBe(true);
      expect(mode(dataDir)).toBe('700');
      const db = join(dataDir, 'workflow-builder.db');
      expect(mode(db)).toBe('600');
      expect(existsSync(`${db}-wal`)).toBe(true);
      expect(mode(`${db}-wal`)).toBe('600');
      expect(mode(`${db}-shm`)).toBe('600');
    } finally {
      await services.shutdown();
    }
  });

  it('narrows a data folder and store an older version left 0755 / 0644', async () => {
    const dataDir = join(tempRoot(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const first = createAppServices({ dataDir, secrets: createEnvFileSecretStore({}) });
    await first.shutdown();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'workflow-builder.db'), 0o644);
    const services = createAppServices({ dataDir, secrets: createEnvFileSecretStore({}) });
    await services.shutdown();
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'workflow-builder.db'))).toBe('600');
  });

  it('writes build logs and reports 0600 in 0700 folders', async () => {
    const dataDir = tempRoot();
    const log = await BuildLog.open(join(dataDir, 'logs', 'run-1', 'pkg.log'), () => 0);
    await log.close();
    expect(mode(join(dataDir, 'logs'))).toBe('700');
    expect(mode(join(dataDir, 'logs', 'run-1'))).toBe('700');
    expect(mode(join(dataDir, 'logs', 'run-1', 'pkg.log'))).toBe('600');

    const { writeReport } = createActivities({ dataDir, now: () => 0 });
    const report = await writeReport({ runId: 'pb-1', title: 'Nightly', report: { ok: true } });
    expect(report.path.startsWith(join(dataDir, 'reports'))).toBe(true);
    expect(mode(join(dataDir, 'reports'))).toBe('700');
    expect(mode(report.path)).toBe('600');
    expect(mode(report.markdownPath)).toBe('600');
  });

  it("writes the dev server's log and pid file 0600, narrowing an old 0644 log", () => {
    const dataDir = join(tempRoot(), 'server');
    writePidFile(dataDir, {
      pid: 1,
      ownerPid: process.pid,
      ports: { frontend: 1, metrics: 2, http: 3 },
      binaryPath: '/bin/temporal',
      dbPath: join(dataDir, 'temporal.db'),
      startedAt: new Date(0).toISOString(),
    });
    expect(mode(dataDir)).toBe('700');
    expect(mode(pidFilePath(dataDir))).toBe('600');
    const logPath = join(dataDir, LOG_FILE_NAME);
    writeFileSync(logPath, 'old\n', { mode: 0o644 });
    const log = openServerLog(logPath, 1 << 20, 'header');
    closeSync(log.fd);
    expect(mode(logPath)).toBe('600');
  });
});
