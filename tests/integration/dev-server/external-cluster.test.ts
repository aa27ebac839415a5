import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ServerStatusSchema } from '../../../src/core/ipc/contract';
import { ConnectionSettingsSchema } from '../../../src/core/settings/connection-settings';
import {
  createEnvFileSecretStore,
  createTemporalService,
  findFreePort,
  TemporalDevServer,
} from '../../../src/main/dev-server';
import { describeWithTemporal, makeTempDir, temporalChildrenOf } from './support';

describeWithTemporal('external cluster mode (real dev server as the "cluster")', (binaryPath) => {
  const temp = makeTempDir('external');
  let cluster: TemporalDevServer;
  let clusterAddress: string;

  beforeAll(async () => {
    // The "external cluster": a private dev server this test starts itself.
    cluster = new TemporalDevServer({
      dataDir: join(temp.dir, 'cluster'),
      binaryPath,
      ui: false,
      namespace: 'team-builds',
    });
    clusterAddress = (await cluster.start()).address as string;
  });
  afterAll(async () => {
    await cluster?.stop();
    temp.cleanup();
  });

  function external(settings: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
    return createTemporalService(ConnectionSettingsSchema.parse({ mode: 'external', ...settings }), {
      dataDir: join(temp.dir, 'app'),
      secrets: createEnvFileSecretStore(env),
      devServer: { binaryPath },
      externalTimeoutMs: 3_000,
    });
  }

  it("starts nothing and reports 'external' once describeNamespace answers", async () => {
    const before = await temporalChildrenOf(process.pid);
    const service = external({ address: clusterAddress, namespace: 'team-builds' });
    const status = await service.start();

    expect(status).toMatchObject({
      state: 'external',
      mode: 'external',
      address: clusterAddress,
      namespace: 'team-builds',
    });
    expect(() => ServerStatusSchema.parse(status)).not.toThrow();
    expect(status.pid).toBeUndefined();
    expect(await temporalChildrenOf(process.pid)).toEqual(before);
    expect(service.connectionOptions()).toEqual({ address: clusterAddress });

    const connection = await Connection.connect(service.connectionOptions());
    await connection.workflowService.describeNamespace({ namespace: service.namespace });
    await connection.close();
    await service.stop();
    expect(service.status().state).toBe('stopped');
    expect(cluster.status().state).toBe('ready'); // stopping the external service left the cluster alone
  });

  it("reports 'unavailable' with the address when nothing listens there", async () => {
    const deadAddress = `127.0.0.1:${await findFreePort()}`;
    const service = external({ address: deadAddress, namespace: 'default' });
    await expect(service.start()).rejects.toThrow(`The Temporal cluster at ${deadAddress} did not answer`);
    expect(service.status()).toMatchObject({ state: 'unavailable', mode: 'external' });
    expect(service.status().message).toMatch(/Check the address, the namespace, TLS and the API key/);
    expect(() => service.connectionOptions()).toThrow(/Not connected/);
  });

  it("reports 'unavailable' naming an unknown namespace", async () => {
    const service = external({ address: clusterAddress, namespace: 'no-such-namespace' });
    await expect(service.start()).rejects.toThrow(/namespace "no-such-namespace"/);
    expect(service.status().message).toMatch(/not found/i);
  });

  it("reports 'unavailable' naming a missing API key variable or TLS file, before any network call", async () => {
    const missingVariable = external({
      address: clusterAddress,
      namespace: 'default',
      apiKey: { env: 'WB_TEST_MISSING_KEY' },
    });
    await expect(missingVariable.start()).rejects.toThrow(
      'The environment variable WB_TEST_MISSING_KEY is not set',
    );
    expect(missingVariable.status().state).toBe('unavailable');

    const missingCa = external({
      address: clusterAddress,
      namespace: 'default',
      tls: { caPath: join(temp.dir, 'nope.pem') },
    });
    await expect(missingCa.start()).rejects.toThrow(
      `the CA certificate (tls.caPath) ${join(temp.dir, 'nope.pem')} does not exist`,
    );

    const stored = external({ address: clusterAddress, namespace: 'default', apiKey: { stored: true } });
    await expect(stored.start()).rejects.toThrow(/encrypted store, which is not available here/);
  });

  it('reads the API key from a file and sends it (plaintext cluster rejects TLS, proving the key switched TLS on)', async () => {
    const keyFile = join(temp.dir, 'api-key');
    writeFileSync(keyFile, 'secret-key\n', { mode: 0o600 });
    const service = external({
      address: clusterAddress,
      namespace: 'team-builds',
      apiKey: { file: keyFile },
    });
    // The SDK turns TLS on with an API key; the plaintext dev server cannot complete that handshake.
    await expect(service.start()).rejects.toThrow(`The Temporal cluster at ${clusterAddress} did not answer`);
    expect(service.status().state).toBe('unavailable');
  });
});
