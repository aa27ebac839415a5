import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { readPidFile, TemporalDevServer } from '../../../src/main/dev-server';
import { writePidFile } from '../../../src/main/dev-server/pid-file';
import { isProcessAlive } from '../../../src/main/dev-server/process-inspection';
import { describeWithTemporal, makeTempDir } from './support';

const hangingApp = fileURLToPath(new URL('./fixtures/run-dev-server-then-hang.ts', import.meta.url));

/** Starts "an app" (a separate Node process running TemporalDevServer) and resolves once its server is ready. */
async function startAppProcess(
  dataDir: string,
  binaryPath: string,
): Promise<{ app: ChildProcess; serverPid: number }> {
  const app = spawn(process.execPath, ['--import', 'tsx', hangingApp, dataDir, binaryPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  app.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: app.stdout as NodeJS.ReadableStream });
  const serverPid = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve((JSON.parse(line.slice(6)) as { pid: number }).pid);
    });
    app.once('exit', (code) =>
      reject(new Error(`the app process exited with ${code} before its server was ready: ${stderr}`)),
    );
  });
  return { app, serverPid };
}

describeWithTemporal('orphaned dev servers (real processes)', (binaryPath) => {
  const temps: Array<() => void> = [];
  const servers: TemporalDevServer[] = [];
  const strays: number[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  afterAll(() => {
    for (const pid of strays) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    for (const cleanup of temps) cleanup();
  });

  it('refuses a data folder whose server belongs to a live app, and reaps it once that app was killed', async () => {
    const temp = makeTempDir('orphan');
    temps.push(temp.cleanup);
    const { app, serverPid } = await startAppProcess(temp.dir, binaryPath);
    strays.push(serverPid);

    // While the owning app lives, its server is not ours to kill.
    const intruder = new TemporalDevServer({ dataDir: temp.dir, binaryPath, ui: false });
    servers.push(intruder);
    await expect(intruder.start()).rejects.toThrow(/in use by another workflow-builder process \(pid \d+/);
    expect(intruder.status().state).toBe('unavailable');
    expect(await isProcessAlive(serverPid)).toBe(true);

    // Kill the app the hard way: no cleanup runs, the temporal child survives as an orphan.
    app.kill('SIGKILL');
    await new Promise((resolve) => app.once('exit', resolve));
    expect(await isProcessAlive(serverPid)).toBe(true);

    const logs: string[] = [];
    const next = new TemporalDevServer({
      dataDir: temp.dir,
      binaryPath,
      ui: false,
      log: (message) => logs.push(message),
    });
    servers.push(next);
    const status = await next.start();
    expect(status.state).toBe('ready');
    expect(status.pid).not.toBe(serverPid);
    expect(await isProcessAlive(serverPid)).toBe(false);
    expect(logs.join('\n')).toContain(`stopping orphaned Temporal dev server pid ${serverPid}`);
    expect(readPidFile(temp.dir)?.pid).toBe(status.pid);
  }, 90_000);

  it('never kills an unrelated process that reuses the pid recorded in the pid file', async () => {
    const temp = makeTempDir('pid-reuse');
    temps.push(temp.cleanup);
    const unrelated = spawn('sleep', ['120'], { stdio: 'ignore' });
    strays.push(unrelated.pid as number);
    const server = new TemporalDevServer({ dataDir: temp.dir, binaryPath, ui: false });
    servers.push(server);
    // As if our server had had this pid before a reboot; the owner pid is dead.
    writePidFile(temp.dir, {
      pid: unrelated.pid as number,
      ownerPid: 999_999_999,
      dbPath: server.dbPath,
      binaryPath,
      ports: { frontend: 1, metrics: 2, http: 3 },
      startedAt: new Date(0).toISOString(),
    });

    const status = await server.start();
    expect(status.state).toBe('ready');
    expect(await isProcessAlive(unrelated.pid as number)).toBe(true);
    expect(readPidFile(temp.dir)?.pid).toBe(status.pid);
    unrelated.kill('SIGKILL');
  }, 60_000);
});
