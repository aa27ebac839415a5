import { Client, Connection } from '@temporalio/client';

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
