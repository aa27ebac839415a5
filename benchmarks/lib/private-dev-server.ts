/**
 * A private Temporal dev server for one benchmark run (its own SQLite db in `dataDir`), with a
 * client connected to it: started, handed to `use`, then closed and stopped whatever `use` did.
 */
import { Client, Connection } from '@temporalio/client';
import { TemporalDevServer } from '../../src/main/dev-server';
import { findTemporalCli } from '../../src/main/dev-server/temporal-cli.mjs';

export async function withPrivateDevServer<T>(
  dataDir: string,
  use: (server: { address: string; client: Client }) => Promise<T>,
): Promise<T> {
  const temporal = findTemporalCli();
  if (!temporal) throw new Error('Temporal CLI not found: run `npm run provision` first');
  const server = new TemporalDevServer({ dataDir, binaryPath: temporal.path });
  let connection: Connection | undefined;
  try {
    const status = await server.start();
    if (!status.address) throw new Error(`the dev server did not start: ${status.message ?? status.state}`);
    connection = await Connection.connect({ address: status.address });
    return await use({ address: status.address, client: new Client({ connection, namespace: 'default' }) });
  } finally {
    await connection?.close().catch(() => undefined);
    await server.stop();
  }
}
