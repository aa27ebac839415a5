// Workflows of benchmarks/local-activity-floor.bench.ts: the least a child's workflow task can do.
import { proxyLocalActivities } from '@temporalio/workflow';

interface FloorActivities {
  noop(): Promise<number>;
  buildPackage(input: Record<string, unknown>): Promise<unknown>;
}

const local = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

/** Nothing: one workflow task that completes the run. */
export async function emptyWorkflow(): Promise<number> {
  return 1;
}

/** One local activity that returns at once. */
export async function noopLocalActivityWorkflow(): Promise<number> {
  return await local.noop();
}

/** The app's own buildPackage activity, simulated (0 ms), as a local activity. */
export async function buildPackageLocalWorkflow(runId: string, packageName: string): Promise<unknown> {
  return await local.buildPackage({ runId, packageName, attempt: 1, simulatedDurationMs: 0 });
}
