// Test helper (imports vitest's expect: for test files only, unlike history-check.ts, which a benchmark uses).
import type { Client } from '@temporalio/client';
import { expect } from 'vitest';

/** Waits until a child workflow exists and runs (the parent lists it as active from its start command on). */
export async function waitChildRunning(client: Client, childWorkflowId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        try {
          return (await client.workflow.getHandle(childWorkflowId).describe()).status.name;
        } catch {
          return 'NOT_FOUND';
        }
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe('RUNNING');
}
