import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerStatusSchema, type ServerStatus } from '../../../src/core/ipc/contract';
import { PID_FILE_NAME, readPidFile, TemporalDevServer } from '../../../src/main/dev-server';
import { HTTP_API_LOCKDOWN_ARGS } from '../../../src/main/dev-server/dev-server-config';
import { isProcessAlive } from '../../../src/main/dev-server/process-inspection';
import { describeWithTemporal, fixtureBundle, makeTempDir, waitForStatus, withWorker } from './support';

describeWithTemporal('TemporalDevServer lifecycle (real dev server)', (binaryPath) => {
  const temp = makeTempDir('lifecycle');
  const statuses: ServerStatus[] = [];
  let server: TemporalDevServer;

  beforeAll(async () => {
    server = new TemporalDevServer({ dataDir: temp.dir, binaryPath, restart: { initialDelayMs: 200 } });
    server.onStatus((status) => statuses.push(status));
    await fixtureBundle();
  });

  afterAll(async () => {
    await server?.stop();
    temp.cleanup();
  });

  it('becomes ready only when describeNamespace and a workflow-level call answer; concurrent start() share one server', async () => {
    const [first, second] = await Promise.all([server.start(), server.start()]);
    expect(first.state).toBe('ready');
    expect(second.pid).toBe(first.pid);
    expect(
      statuses.filter((status) => status.pid !== undefined && status.state === 'starting').map((s) => s.pid),
    ).toEqual([first.pid]);
    for (const status of statuses) expect(() => ServerStatusSchema.parse(status)).not.toThrow();
    expect(statuses[0]?.state).toBe('starting');
    expect(first.address).toMatch(/^127\.0\.0\.1:\d+$/);
    // No Web UI port by default (it answers any Host: docs/security.md).
    expect(first.uiUrl).toBeUndefined();

    // The same two calls readiness makes, from an independent connection.
    const connection = await Connection.connect({ address: first.address });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(described.namespaceInfo?.name).toBe('default');
      const history = connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: randomUUID() },
      });
      await expect(history).rejects.toSatisfy(
        (error: unknown) => isGrpcServiceError(error) && error.code === 5,
      );
    } finally {
      await connection.close();
    }

    // The command line: loopback, our db, JSON logs, the measured pragmas.
    const cmdline = (await readFile(`/proc/${first.pid}/cmdline`, 'utf8')).split('\0');
    expect(cmdline).toEqual(
      expect.arrayContaining([
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--db-filename',
        server.dbPath,
        '--log-format',
        'json',
      ]),
    );
    expect(cmdline).toEqual(expect.arrayContaining(['--sqlite-pragma', 'journal_mode=wal']));
    // The latency settings (issue 12) reach the server: the transfer queue is read as tasks arrive,
    // and every task queue writes its tasks to one partition.
    expect(cmdline).toEqual(
      expect.arrayContaining([
        '--dynamic-config-value',
        'history.transferProcessorMaxPollRPS=1000',
        'matching.numTaskqueueWritePartitions=1',
      ]),
    );
    // The HTTP API cannot be switched off; its Host allow-list is set so that it refuses everything.
    expect(cmdline).toEqual(expect.arrayContaining(['--headless', ...HTTP_API_LOCKDOWN_ARGS]));
    const record = readPidFile(temp.dir);
    expect(record).toMatchObject({
      pid: first.pid,
      ownerPid: process.pid,
      dbPath: server.dbPath,
      binaryPath,
    });
  });

  it('runs a workflow through a real worker', async () => {
    const address = server.connectionOptions().address;
    const result = await withWorker(address, 'lifecycle', async () => {
      const client = new Client({ connection: await Connection.connect({ address }) });
      try {
        return await client.workflow.execute('greet', {
          taskQueue: 'lifecycle',
          workflowId: `greet-${randomUUID()}`,
          args: ['dev server'],
        });
      } finally {
        await client.connection.close();
      }
    });
    expect(result).toBe('Hello, dev server!');
  });

  it('detects a SIGKILLed server, restarts it on the same address and becomes ready again', async () => {
    const before = server.status();
    process.kill(before.pid as number, 'SIGKILL');
    const restarted = await waitForStatus(
      server,
      (status) => status.state === 'ready' && status.pid !== before.pid,
      60_000,
    );
    expect(restarted.restarts).toBe(before.restarts + 1);
    expect(restarted.address).toBe(before.address);
    expect(
      statuses.some(
        (status) =>
          status.state === 'starting' &&
          /stopped unexpectedly \(killed by SIGKILL\)/.test(status.message ?? ''),
      ),
    ).toBe(true);
    expect(await isProcessAlive(before.pid as number)).toBe(false);

    const address = server.connectionOptions().address;
    const result = await withWorker(address, 'after-restart', async () => {
      const client = new Client({ connection: await Connection.connect({ address }) });
      try {
        return await client.workflow.execute('greet', {
          taskQueue: 'after-restart',
          workflowId: `greet-${randomUUID()}`,
          args: ['again'],
        });
      } finally {
        await client.connection.close();
      }
    });
    expect(result).toBe('Hello, again!');
  }, 90_000);

  it('keeps an open workflow across a stop and a start on the same db file', async () => {
    const workflowId = `survivor-${randomUUID()}`;
    {
      const client = new Client({ connection: await Connection.connect(server.connectionOptions()) });
      await client.workflow.start('waitForFinish', { taskQueue: 'survivor', workflowId });
      await client.connection.close();
    }
    const pid = server.pid as number;
    await server.stop();
    expect(server.status().state).toBe('stopped');
    expect(await isProcessAlive(pid)).toBe(false);
    expect(existsSync(`${temp.dir}/${PID_FILE_NAME}`)).toBe(false);

    // A new manager, as after an app restart: same data folder, same db.
    server = new TemporalDevServer({ dataDir: temp.dir, binaryPath });
    const status = await server.start();
    const client = new Client({
      connection: await Connection.connect({ address: status.address as string }),
    });
    try {
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const result = await withWorker(status.address as string, 'survivor', async () => {
        await handle.signal('finish', 'survived');
        return handle.result();
      });
      expect(result).toBe('survived');
    } finally {
      await client.connection.close();
    }
  }, 90_000);

  it('stops gracefully: SIGTERM, pid file removed, state stopped; stop() is idempotent', async () => {
    const pid = server.pid as number;
    await Promise.all([server.stop(), server.stop()]);
    expect(server.status()).toMatchObject({ state: 'stopped' });
    expect(server.status().pid).toBeUndefined();
    expect(await isProcessAlive(pid)).toBe(false);
    expect(readPidFile(temp.dir)).toBeUndefined();
    const log = await readFile(server.logPath, 'utf8');
    expect(log).toContain('start-dev');
  });
});

describe('TemporalDevServer without a usable binary', () => {
  it("is 'unavailable' with a message that says how to get the binary", async () => {
    const temp = makeTempDir('no-binary');
    try {
      const server = new TemporalDevServer({ dataDir: temp.dir, binaryPath: `${temp.dir}/missing/temporal` });
      await expect(server.start()).rejects.toThrow(
        `Cannot run the Temporal CLI at ${temp.dir}/missing/temporal: spawn ${temp.dir}/missing/temporal ENOENT. Run \`npm run provision\` or set TEMPORAL_CLI_PATH.`,
      );
      expect(server.status()).toMatchObject({ state: 'unavailable', mode: 'embedded', restarts: 0 });
      expect(readPidFile(temp.dir)).toBeUndefined();
    } finally {
      temp.cleanup();
    }
  });
});
