/**
 * Workflows that ship with the app itself (compiled definitions come from the compiler).
 * This file runs inside Temporal's deterministic workflow sandbox: it may import only
 * @temporalio/workflow and types.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BuiltinActivities } from '../activities';

const { greet } = proxyActivities<BuiltinActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Says hello through the built-in `greet` activity: the smallest end-to-end proof of the worker. */
export async function helloWorkflow(name: string): Promise<string> {
  return await greet(name);
}
