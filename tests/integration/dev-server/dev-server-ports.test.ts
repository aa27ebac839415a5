import { createServer, type Socket } from 'node:net';
import { Connection } from '@temporalio/client';
import { afterAll, afterEach, expect, it } from 'vitest';
import { findFreePort, TemporalDevServer } from '../../../src/main/dev-server';
import { describeWithTemporal, makeTempDir } from './support';

/** Holds a loopback port the way another program would. */
async function occupy(port: number): Promise<Blocker> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, resolve);
  });
  return {
    // Like a program exiting: drop the connections too (the lost-race probe may have connected to us).
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Blocker {
  close(): Promise<void>;
}

describeWithTemporal('dev server ports (real dev server)', (binaryPath) => {
  const temps: Array<() => void> = [];
  const servers: TemporalDevServer[] = [];
  const blockers: Blocker[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await Promise.all(blockers.splice(0).map((blocker) => blocker.close()));
  });
  afterAll(() => temps.forEach((cleanup) => cleanup()));

  function newServer(
    config: Partial<ConstructorParameters<typeof TemporalDevServer>[0]>,
    logs: string[],
  ): TemporalDevServer {
    const temp = makeTempDir('ports');
    temps.push(temp.cleanup);
    const server = new TemporalDevServer({
      dataDir: temp.dir,
      binaryPath,
      ui: false,
      log: (message) => logs.push(message),
      ...config,
    });
    servers.push(server);
    return server;
  }

  it('avoids a requested port that is in use: starts on another one and says so', async () => {
    const busy = await findFreePort();
    blockers.push(await occupy(busy));
    const logs: string[] = [];
    const server = newServer({ ports: { frontend: busy } }, logs);

    const status = await server.start();
    expect(status.state).toBe('ready');
    expect(status.address).not.toBe(`127.0.0.1:${busy}`);
    expect(logs.join('\n')).toMatch(new RegExp(`frontend port ${busy} is in use; using \\d+`));
    const connection = await Connection.connect({ address: status.address });
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    await connection.close();
  }, 60_000);

  it('retries on other ports when the server itself finds its port taken (lost race after our check)', async () => {
    const busy = await findFreePort();
    blockers.push(await occupy(busy));
    const logs: string[] = [];
    // No pre-check: the port goes to the server, which fails to bind it, as when another program wins the race.
    const server = newServer({ ports: { frontend: busy }, checkPortsBeforeSpawn: false }, logs);

    const status = await server.start();
    expect(status.state).toBe('ready');
    expect(status.address).not.toBe(`127.0.0.1:${busy}`);
    expect(logs.join('\n')).toContain(`port ${busy} on 127.0.0.1 is already in use; choosing other ports`);
  }, 60_000);

  it('names the busy port when every attempt fails', async () => {
    const busy = await findFreePort();
    blockers.push(await occupy(busy));
    const server = newServer({ ports: { metrics: busy }, checkPortsBeforeSpawn: false, portAttempts: 1 }, []);

    await expect(server.start()).rejects.toThrow(`port ${busy} on 127.0.0.1 is in use by another program`);
    expect(server.status()).toMatchObject({ state: 'crashed' });
    expect(server.status().message).toContain(server.logPath);
  }, 60_000);
});
