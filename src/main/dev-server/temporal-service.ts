import type { TLSConfig } from '@temporalio/client';
import type { ServerStatus } from '../../core/ipc/contract';

/**
 * What the rest of main (worker host, run monitor, IPC) sees of the Temporal server, whichever mode
 * the user chose: the embedded dev server or an external cluster.
 */
export interface TemporalService {
  readonly mode: 'embedded' | 'external';
  readonly namespace: string;
  /**
   * Embedded: starts the dev server. External: checks the cluster answers. Resolves once usable
   * ('ready' / 'external'); rejects with an error whose message is the status message otherwise.
   * Concurrent calls share one attempt.
   */
  start(): Promise<ServerStatus>;
  /** Stops what `start()` started (nothing, for an external cluster). Idempotent. */
  stop(): Promise<void>;
  /** The current status, shaped like the IPC contract's `ServerStatusSchema`. */
  status(): ServerStatus;
  /** Called on every status change (state or message). Returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void;
  /**
   * Options for `Connection.connect()` / `NativeConnection.connect()`. Throws before the address
   * is known (embedded mode before the first successful start; external mode before `start()`).
   */
  connectionOptions(): TemporalConnectionOptions;
}

export type StatusListener = (status: ServerStatus) => void;

/** The subset of the SDK's connection options the app uses, valid for both client and worker connections. */
export interface TemporalConnectionOptions {
  /** host:port of the frontend gRPC service. */
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
  metadata?: Record<string, string>;
}

/** A status-carrying failure: its message is what the UI shows. */
export class TemporalServiceError extends Error {
  constructor(
    message: string,
    readonly status?: ServerStatus,
  ) {
    super(message);
    this.name = 'TemporalServiceError';
  }
}
