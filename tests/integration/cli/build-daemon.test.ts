// Tier: integration (quick), the built CLI with real embedded dev servers (each daemon starts its
// data folder's own). The build daemon (src/main/daemon):
// - two `build --daemon` commands on one data folder share one daemon: the first starts it, the
//   second attaches, finds its worker warm (no new worker process) and builds with the second
//   command's environment, not the one the daemon was started from;
// - once no command is attached the daemon builds nowhere: the same parent workflow started on its
//   server by anyone else is refused (WORKSPACE_NOT_OPENED) and builds nothing;
// - `daemon status` / `daemon stop` see and stop it, and nothing is left running;
// - an idle daemon exits by itself (WB_DAEMON_IDLE), removing its record and its server;
// - a daemon started from a folder that is deleted afterwards still restarts its worker for a build
//   with other settings (it works in its data folder, not in the folder it was started from);
// - the app's own start on the data folder stops an idle daemon and starts its server there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client, Connection, defaultPayloadConverter } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli';
import { createAppServices } from '../../../src/main/app/app-services';
import { readDaemonRecord } from '../../../src/main/daemon/daemon-record';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import { findDevServersForDb } from '../../../src/main/dev-server/process-inspection';
import { isAlive, runBuiltCli } from '../../support/built-cli';
import { waitUntil } from '../../support/wait-until';

mkdirSync(resolve('.tmp'), { recursive: true });
const outDir = mkdtempSync(resolve('.tmp', 'build-daemon-')); // two levels below the checkout, like out/cli
const dataDirs: string[] = [];
let cli = '';
beforeAll(async () => {
  cli = await buildCli(outDir);
}, 120_000);
afterAll(() => {
  // A failed test must not leave a daemon (and its server) behind.
  for (const dataDir of dataDirs) spawnSync(process.execPath, [cli, 'daemon', 'stop', '--data-dir', dataDir]);
  rmSync(outDir, { recursive: true, force: true });
}, 60_000);

const runBuilt = (args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) =>
  runBuiltCli(cli, args, env, cwd);

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Two packages; a's build writes the DAEMON_TEST_MARK it sees into built-by.txt. */
function workspace(name: string): string {
  const root = join(outDir, name);
  writeJson(join(root, 'package.json'), { name, private: true, workspaces: ['packages/*'] });
  writeJson(join(root, 'packages', 'a', 'package.json'), {
    name: 'a',
    scripts: { build: 'echo "$DAEMON_TEST_MARK" > built-by.txt' },
  });
  writeJson(join(root, 'packages', 'b', 'package.json'), {
    name: 'b',
    dependencies: { a: '*' },
    scripts: { build: 'true' },
  });
  return root;
}

function newDataDir(name: string): string {
  const dir = join(outDir, name);
  dataDirs.push(dir);
  return dir;
}

const marksOf = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('[wb-timing]'))
    .map((line) => line.replace(/^\[wb-timing\] \d+ /, ''));

describe('the build daemon', () => {
  it('serves a second build warm, in its own environment, and builds nowhere once no build is attached', async () => {
    const root = workspace('warm');
    const dataDir = newDataDir('data-warm');
    const args = ['build', root, '--daemon', '--data-dir', dataDir];

    const first = await runBuilt(args, { DAEMON_TEST_MARK: 'first', WB_TIMINGS: '1' });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('starting the build daemon');
    expect(first.stdout).toMatch(/^Build completed: 2 of 2 built/m);
    const record = readDaemonRecord(dataDir);
    expect(record && isAlive(record.pid)).toBe(true);
    const workerPid = /build daemon's worker started with the specs \(pid (\d+)\)/.exec(first.stderr)?.[1];
    expect(workerPid).toBeDefined();
    expect(readFileSync(join(root, 'packages', 'a', 'built-by.txt'), 'utf8').trim()).toBe('first');

    const second = await runBuilt(args, { DAEMON_TEST_MARK: 'second', WB_TIMINGS: '1' });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).not.toContain('starting the build daemon');
    const marks = marksOf(second.stderr);
    expect(marks).toContain(`build daemon attached (pid ${record!.pid})`);
    expect(marks).toContain(`build daemon's worker warm (pid ${workerPid})`);
    expect(marks).not.toContain('worker process spawn');
    // The daemon was started from the first command's shell; the build ran in the second's.
    expect(readFileSync(join(root, 'packages', 'a', 'built-by.txt'), 'utf8').trim()).toBe('second');

    // No command attached: the same run, started on the daemon's server by someone else, is refused.
    const workflowId = /^started (\S+) on /m.exec(second.stdout)![1]!;
    const connection = await Connection.connect({ address: record!.temporal.address });
    try {
      const client = new Client({ connection, namespace: record!.temporal.namespace });
      const ran = client.workflow.getHandle(workflowId);
      const described = await ran.describe();
      const started = (await ran.fetchHistory()).events![0]!.workflowExecutionStartedEventAttributes!;
      const input = (started.input?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
      rmSync(join(root, 'packages', 'a', 'built-by.txt'));
      const replay = await client.workflow.start(described.type, {
        taskQueue: described.taskQueue,
        workflowId: `${workflowId}-not-attached`,
        args: input,
      });
      await Promise.race([replay.result().catch(() => undefined), new Promise((r) => setTimeout(r, 60_000))]);
      const history = JSON.stringify(await replay.fetchHistory());
      expect(history).toContain('WORKSPACE_NOT_OPENED');
      expect(existsSync(join(root, 'packages', 'a', 'built-by.txt'))).toBe(false);
    } finally {
      await connection.close();
    }

    const status = await runBuilt(['daemon', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`build daemon pid ${record!.pid}`);
    const stop = await runBuilt(['daemon', 'stop', '--data-dir', dataDir]);
    expect(stop.stdout).toContain(`stopped the build daemon (pid ${record!.pid})`);
    expect(isAlive(record!.pid)).toBe(false);
    expect(isAlive(Number(workerPid))).toBe(false);
    expect(await findDevServersForDb(join(dataDir, 'temporal.db'))).toEqual([]);
    expect((await runBuilt(['daemon', 'status', '--data-dir', dataDir])).code).toBe(3);
  }, 180_000);

  it('exits by itself once idle, and the app stops an idle one to start its own server on the folder', async () => {
    const root = workspace('idle');
    const idleDir = newDataDir('data-idle');
    const built = await runBuilt(['build', root, '--daemon', '--data-dir', idleDir], {
      WB_DAEMON_IDLE: '1s',
    });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const record = readDaemonRecord(idleDir);
    expect(record).toBeDefined();
    expect(
      await waitUntil(
        () => !isAlive(record!.pid),
        (gone) => gone,
        20_000,
      ),
    ).toBe(true);
    expect(readDaemonRecord(idleDir)).toBeUndefined();
    expect(await findDevServersForDb(join(idleDir, 'temporal.db'))).toEqual([]);

    // Started from a folder that is then deleted (a temporary checkout): the daemon does not keep
    // it as its working folder, so the worker it restarts for other settings still starts.
    const appDir = newDataDir('data-app');
    const gone = join(outDir, 'deleted-cwd');
    mkdirSync(gone);
    const again = await runBuilt(['build', root, '--daemon', '--data-dir', appDir], {}, gone);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    rmSync(gone, { recursive: true });
    const other = await runBuilt(['build', root, '--daemon', '--concurrency', '2', '--data-dir', appDir], {
      WB_TIMINGS: '1',
    });
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(other.stderr).toMatch(/build daemon's worker started with the specs/);
    const daemon = readDaemonRecord(appDir)!;
    expect(isAlive(daemon.pid)).toBe(true);
    const app = createAppServices({
      dataDir: appDir,
      secrets: createEnvFileSecretStore(),
      builtinWorker: false,
    });
    try {
      await app.start();
      expect(app.temporal.status().state).toBe('ready');
      expect(isAlive(daemon.pid)).toBe(false);
    } finally {
      await app.shutdown();
    }
  }, 180_000);
});
