import { readFile } from 'node:fs/promises';
import type { TLSConfig } from '@temporalio/client';
import type { ServerStatus } from '../../core/ipc/contract';
import type { ExternalConnection } from '../../core/settings/connection-settings';
import { connectForProbe, describeError, probeServer } from './readiness';
import { apiKeySecretRef, type SecretStore } from './secret-store';
import { StatusEmitter } from './status-emitter';
import {
  TemporalServiceError,
  type StatusListener,
  type TemporalConnectionOptions,
  type TemporalService,
} from './temporal-service';

export interface ExternalClusterOptions {
  secrets: SecretStore;
  /**
   * How long connecting and describing the namespace may take.
   *
   * @default 10_000 ms
   */
  timeoutMs?: number;
}

/**
 * A Temporal cluster someone else runs. Nothing is started or stopped: `start()` resolves the
 * credentials, connects and describes the namespace; the status is then 'external', or
 * 'unavailable' with the reason (unreachable, TLS, credentials, unknown namespace).
 */
export class ExternalTemporalCluster implements TemporalService {
  readonly mode = 'external' as const;
  readonly namespace: string;
  private readonly statusEmitter: StatusEmitter;
  private resolved: TemporalConnectionOptions | undefined;
  private checking: Promise<ServerStatus> | undefined;

  constructor(
    private readonly settings: ExternalConnection,
    private readonly options: ExternalClusterOptions,
  ) {
    this.namespace = settings.namespace;
    this.statusEmitter = new StatusEmitter({
      state: 'stopped',
      mode: 'external',
      namespace: settings.namespace,
      address: settings.address,
      ...(settings.webUiUrl && { uiUrl: settings.webUiUrl }),
      restarts: 0,
    });
  }

  status(): ServerStatus {
    return this.statusEmitter.get();
  }

  onStatus(listener: StatusListener): () => void {
    return this.statusEmitter.subscribe(listener);
  }

  connectionOptions(): TemporalConnectionOptions {
    if (!this.resolved)
      throw new TemporalServiceError(
        `Not connected to the Temporal cluster at ${this.settings.address} yet`,
        this.status(),
      );
    return this.resolved;
  }

  /** Checks the cluster answers; call again to re-check (e.g. from a "retry" button). */
  start(): Promise<ServerStatus> {
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async stop(): Promise<void> {
    this.resolved = undefined;
    this.statusEmitter.set({ state: 'stopped', message: undefined });
  }

  private async check(): Promise<ServerStatus> {
    const { address, namespace } = this.settings;
    this.statusEmitter.set({ state: 'starting', message: `Connecting to ${address}` });
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let options: TemporalConnectionOptions;
    try {
      options = await this.resolveConnectionOptions();
    } catch (error) {
      return this.fail(`Cannot connect to the Temporal cluster at ${address}: ${describeError(error)}`);
    }
    try {
      const connection = await connectForProbe(options, timeoutMs);
      try {
        await probeServer(connection, namespace, { workflowLevel: false, timeoutMs });
      } finally {
        await connection.close().catch(() => {});
      }
    } catch (error) {
      return this.fail(
        `The Temporal cluster at ${address} did not answer for namespace "${namespace}": ${describeError(error)}. ` +
          'Check the address, the namespace, TLS and the API key, and that the cluster is reachable.',
      );
    }
    this.resolved = options;
    return this.statusEmitter.set({ state: 'external', message: undefined });
  }

  private fail(message: string): never {
    this.resolved = undefined;
    const status = this.statusEmitter.set({ state: 'unavailable', message });
    throw new TemporalServiceError(message, status);
  }

  /** Reads certificates and secrets now (not at construction), so a fixed file is picked up by a retry. */
  private async resolveConnectionOptions(): Promise<TemporalConnectionOptions> {
    const { address, tls, apiKey } = this.settings;
    const options: TemporalConnectionOptions = { address };
    if (tls) {
      const config: TLSConfig = {};
      if (tls.serverName) config.serverNameOverride = tls.serverName;
      if (tls.caPath)
        config.serverRootCACertificate = await readCertificate(tls.caPath, 'CA certificate (tls.caPath)');
      if (tls.certPath && tls.keyPath) {
        config.clientCertPair = {
          crt: await readCertificate(tls.certPath, 'client certificate (tls.certPath)'),
          key: Buffer.from(await this.options.secrets.read({ kind: 'file', path: tls.keyPath })),
        };
      }
      options.tls = config;
    }
    if (apiKey) options.apiKey = await this.options.secrets.read(apiKeySecretRef(apiKey));
    return options;
  }
}

async function readCertificate(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `the ${what} ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? describeError(error)})`}`,
    );
  }
}
