import type { TemporalConnectionOptions } from '../dev-server';
import type { WorkerConnection } from './worker-protocol';

/** Turns client connection options (Buffers) into the worker's plain-JSON connection message. */
export function toWorkerConnection(options: TemporalConnectionOptions, namespace: string): WorkerConnection {
  const connection: WorkerConnection = { address: options.address, namespace };
  if (options.apiKey !== undefined) connection.apiKey = options.apiKey;
  const tls = options.tls;
  if (tls) {
    connection.tls = {};
    if (typeof tls === 'object') {
      if (tls.serverNameOverride) connection.tls.serverName = tls.serverNameOverride;
      if (tls.serverRootCACertificate) connection.tls.caPem = Buffer.from(tls.serverRootCACertificate).toString();
      if (tls.clientCertPair) {
        connection.tls.certPem = Buffer.from(tls.clientCertPair.crt).toString();
        connection.tls.keyPem = Buffer.from(tls.clientCertPair.key).toString();
      }
    }
  }
  return connection;
}
