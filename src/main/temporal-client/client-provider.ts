import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { IpcFailure } from '../../core/ipc';

/** What the provider needs to know to connect; asked again whenever the server moved. */
export interface ClientTarget {
  connection: ConnectionOptions & { address: string };
  namespace: string;
}

/**
 * One Temporal client for main, created on first use and replaced when the target changes
 * (the embedded server restarted on another port, or the settings now point at a cluster).
 */
export class TemporalClientProvider {
  private current: { key: string; client: Client; connection: Connection } | undefined;
  private connecting: Promise<Client> | undefined;

  constructor(private readonly target: () => ClientTarget | undefined) {}

  /** The client, connecting if needed; fails with SERVER_UNAVAILABLE while no server is ready. */
  async client(): Promise<Client> {
    const target = this.target();
    if (!target) throw new IpcFailure('SERVER_UNAVAILABLE', 'The Temporal server is not ready yet');
    const key = `${target.connection.address}|${target.namespace}`;
    if (this.current?.key === key) return this.current.client;
    this.connecting ??= this.connect(key, target).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(key: string, target: ClientTarget): Promise<Client> {
    await this.close();
    try {
      const connection = await Connection.connect(target.connection);
      const client = new Client({ connection, namespace: target.namespace });
      this.current = { key, client, connection };
      return client;
    } catch (error) {
      throw new IpcFailure(
        'SERVER_UNAVAILABLE',
        `Cannot connect to Temporal at ${target.connection.address}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Closes the connection (on quit, or before reconnecting elsewhere). */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.connection.close();
  }
}
