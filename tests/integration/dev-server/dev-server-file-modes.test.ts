import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TemporalDevServer } from '../../../src/main/dev-server';
import { DB_FILE_NAME, LOG_FILE_NAME } from '../../../src/main/dev-server/dev-server-config';
import { describeWithTemporal, makeTempDir } from './support';

/**
 * The dev server's own files (temporal.db and its -wal/-shm, written by the Go process; the log)
 * are private even when the app runs under the common 0022 umask: the server is spawned under
 * 0077, and its folder is created 0700.
 */
describeWithTemporal('dev server data files are private (real dev server)', (binaryPath) => {
  const temp = makeTempDir('modes');
  const dataDir = join(temp.dir, 'data');
  let server: TemporalDevServer;
  let previousUmask: number;

  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });

  afterAll(async () => {
    await server?.stop();
    process.umask(previousUmask);
    temp.cleanup();
  });

  it('creates its folder 0700 and temporal.db, its sidecars and its log 0600 under umask 0022', async () => {
    server = new TemporalDevServer({ dataDir, binaryPath });
    expect((await server.start()).state).toBe('ready');
    const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, DB_FILE_NAME))).toBe('600');
    expect(mode(join(dataDir, LOG_FILE_NAME))).toBe('600');
    for (const sidecar of ['-wal', '-shm']) {
      const file = join(dataDir, `${DB_FILE_NAME}${sidecar}`);
      if (existsSync(file)) expect(mode(file), file).toBe('600');
    }
  });
});
