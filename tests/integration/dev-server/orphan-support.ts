import { writePidFile } from '../../../src/main/dev-server/pid-file';

export { readPidFile, TemporalDevServer } from '../../../src/main/dev-server';

/** Writes a pid file as a previous run would have left it. */
export function writePidFileForTest(dataDir: string, record: { pid: number; dbPath: string; binaryPath: string; ownerPid: number }): void {
  writePidFile(dataDir, {
    ...record,
    ports: { frontend: 1, metrics: 2, http: 3 },
    startedAt: new Date(0).toISOString(),
  });
}
