import { randomUUID } from 'node:crypto';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { TemporalConnectionOptions } from './temporal-service';

/** gRPC status NOT_FOUND: for a made-up workflow id it proves the history service answered. */
const GRPC_NOT_FOUND = 5;

/**
 * One readiness check on an open connection. `describeNamespace` alone is not enough: after a
 * restart on an existing db the frontend answers it while history shards are still unowned and
 * workflow calls fail with "Not enough hosts to serve the request" (temporalio/cli#632). So the
 * embedded check also asks for the history of a random workflow id and accepts only NotFound.
 */
export async function probeServer(
  connection: Connection,
  namespace: string,
  options: { workflowLevel: boolean; timeoutMs: number },
): Promise<void> {
  await connection.withDeadline(Date.now() + options.timeoutMs, () =>
    connection.workflowService.describeNamespace({ namespace }),
  );
  if (!options.workflowLevel) return;
  try {
    await connection.withDeadline(Date.now() + options.timeoutMs, () =>
      connection.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId: `workflow-builder-readiness-${randomUUID()}` },
        maximumPageSize: 1,
      }),
    );
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return;
    throw error;
  }
  // A made-up id cannot have a history: if it does, this is not a server we understand.
  throw new Error('the server returned a history for a random workflow id');
}

/**
 * Connects with fail-fast settings: the caller's loop does the retrying, with its own deadline.
 * Lazy + ensureConnected, so a failed attempt closes its gRPC channel (a channel left behind keeps
 * reconnecting — to whatever now holds that port — for the life of the process).
 */
export async function connectForProbe(
  options: TemporalConnectionOptions,
  timeoutMs: number,
): Promise<Connection> {
  const connection = Connection.lazy({
    address: options.address,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
    connectTimeout: timeoutMs,
    // The SDK's default interceptor retries UNAVAILABLE for a long time; we want each attempt's verdict.
    interceptors: [],
  });
  try {
    await connection.ensureConnected();
    return connection;
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
}

/** Thrown when the server did not become ready in time; carries the last error seen. */
export class ServerNotReadyError extends Error {
  constructor(
    message: string,
    readonly lastError: unknown,
  ) {
    super(message);
    this.name = 'ServerNotReadyError';
  }
}

export interface WaitForReadyOptions {
  connection: TemporalConnectionOptions;
  namespace: string;
  /** Epoch ms after which we give up. */
  deadline: number;
  /** Aborts the wait (the server exited, or stop() was called). */
  signal?: AbortSignal;
  /** @default 2_000 */
  attemptTimeoutMs?: number;
  /** Pause between failed attempts. @default 200 */
  intervalMs?: number;
  /**
   * Wait before the first attempt. A freshly spawned server that cannot bind its port exits within
   * ~50 ms; probing only after that avoids connecting to whatever program holds the port (grpc-js
   * keeps such a half-open socket alive even after the channel is closed). @default 0
   */
  initialDelayMs?: number;
}

/**
 * Retries `probeServer` (workflow-level) until it succeeds or the deadline passes. Resolves with the
 * number of attempts; rejects with ServerNotReadyError (deadline) or the abort reason (signal).
 */
export async function waitForServerReady(options: WaitForReadyOptions): Promise<{ attempts: number }> {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 2_000;
  const intervalMs = options.intervalMs ?? 200;
  let lastError: unknown;
  let connection: Connection | undefined;
  let attempts = 0;
  try {
    if (options.initialDelayMs) await sleep(options.initialDelayMs, options.signal);
    while (Date.now() < options.deadline) {
      options.signal?.throwIfAborted();
      attempts++;
      const timeoutMs = Math.max(100, Math.min(attemptTimeoutMs, options.deadline - Date.now()));
      try {
        connection ??= await connectForProbe(options.connection, timeoutMs);
        await probeServer(connection, options.namespace, { workflowLevel: true, timeoutMs });
        return { attempts };
      } catch (error) {
        lastError = error;
      }
      options.signal?.throwIfAborted();
      await sleep(intervalMs, options.signal);
    }
  } finally {
    await connection?.close().catch(() => {});
  }
  throw new ServerNotReadyError(
    `not ready after ${attempts} attempts; last error: ${describeError(lastError)}`,
    lastError,
  );
}

/** A one-line description of an SDK / gRPC error. */
export function describeError(error: unknown): string {
  if (error === undefined) return 'none';
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText =
      cause instanceof Error && !error.message.includes(cause.message) ? ` (${cause.message})` : '';
    return `${error.message}${causeText}`.replace(/\s+/g, ' ').trim();
  }
  return String(error);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
