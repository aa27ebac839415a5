import { Client, Connection } from '@temporalio/client';
import { waitUntil } from './wait-until';

/**
 * The Temporal dev server shared by the whole test run (started by scripts/run-tests.mjs).
 * Missing means the tests were not started through `npm test`: that is an error, never a skip.
 */
export function sharedTemporal(): { address: string; namespace: string } {
  const address = process.env.WB_TEST_TEMPORAL_ADDRESS;
  if (!address) {
    throw new Error(
      'WB_TEST_TEMPORAL_ADDRESS is not set: integration tests need the shared dev server. Run them with `npm test` ' +
        '(scripts/run-tests.mjs starts it), or set WB_TEST_TEMPORAL_ADDRESS to a running dev server.',
    );
  }
  return { address, namespace: process.env.WB_TEST_TEMPORAL_NAMESPACE ?? 'default' };
}

/** A client on the shared server; close its connection in afterAll. */
export async function sharedClient(): Promise<{ client: Client; connection: Connection; namespace: string }> {
  const { address, namespace } = sharedTemporal();
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace }), connection, namespace };
}

/** A task queue name no other test uses, so parallel files never steal each other's tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The shared server's Prometheus endpoint (scripts/run-tests.mjs passes it on), for tests that
 * must prove what the server did rather than infer it from timings. Missing is an error, never a skip.
 */
export function sharedTemporalMetricsUrl(): string {
  const url = process.env.WB_TEST_TEMPORAL_METRICS;
  if (!url) {
    throw new Error(
      'WB_TEST_TEMPORAL_METRICS is not set: this test reads the shared dev server’s counters. Run it with `npm test`, ' +
        'or set it to that server’s metrics endpoint (http://127.0.0.1:<metrics port>/metrics; the port is in its ' +
        'temporal-dev-server.pid.json).',
    );
  }
  return url;
}

/** The sum of one Prometheus counter over the series whose labels include every given label. */
export async function readServerCounter(name: string, labels: Record<string, string>): Promise<number> {
  const response = await fetch(sharedTemporalMetricsUrl());
  if (!response.ok) throw new Error(`the dev server's metrics answered HTTP ${response.status}`);
  let total = 0;
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const series = new Map(
      [...line.slice(name.length + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => series.get(key) === value))
      total += Number(line.slice(close + 1));
  }
  return total;
}

/**
 * The server reports its counters on an interval (about a second), so a count just made shows up
 * late: reads until it reaches `atLeast` or `timeoutMs` passes, and returns the last value read.
 */
export async function awaitServerCounter(
  name: string,
  labels: Record<string, string>,
  atLeast: number,
  timeoutMs = 15_000,
): Promise<number> {
  return waitUntil(
    () => readServerCounter(name, labels),
    (value) => value >= atLeast,
    timeoutMs,
    250,
  );
}
