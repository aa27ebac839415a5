// The runtime's functions that need no workflow context; the rest (PackageLoop, the orchestration
// query, continue-as-new) runs inside generated workflows on the dev server:
// tests/integration/package-builder/*.test.ts.
import { RetryState } from '@temporalio/common';
import { ApplicationFailure, CancelledFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  failureSummary,
  finishRun,
  joinChild,
  openRun,
  valueAt,
} from '../../../src/workflow-runtime';

describe('workflow runtime: run context', () => {
  it('valueAt follows own properties only; absent paths read undefined', () => {
    const data = { a: { b: [10, 20] }, n: null };
    expect(valueAt(data, 'a', 'b', '1')).toBe(20);
    expect(valueAt(data, 'a', 'missing', 'x')).toBeUndefined();
    expect(valueAt(data, 'n', 'x')).toBeUndefined();
    expect(valueAt(data, '__proto__')).toBeUndefined();
    expect(valueAt(data, 'a', 'constructor')).toBeUndefined();
    expect(valueAt(data)).toBe(data);
  });

  it("errorMessage is a failure's root cause; a cancellation is rethrown, never swallowed", () => {
    const child = new ChildWorkflowFailure(
      'default',
      { workflowId: 'w', runId: 'r' },
      'Build',
      RetryState.NON_RETRYABLE_FAILURE,
      ApplicationFailure.nonRetryable('tsc failed', 'BuildFailed'),
    );
    expect(errorMessage(child)).toBe('tsc failed');
    expect(errorMessage(new Error('plain'))).toBe('plain');
    const cancelled = new CancelledFailure('cancelled');
    expect(() => errorMessage(cancelled)).toThrow(cancelled);
  });

  it('failureSummary names the node, the failed packages with their errors and the blocked count', () => {
    expect(
      failureSummary('build', {
        packages: 20,
        completed: 13,
        skipped: [],
        failed: [
          { name: 'db', error: 'boom' },
          { name: 'web', error: 'tsc error' },
        ],
        blocked: Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, blockedBy: 'db' })),
      }),
    ).toBe('build: 2 of 20 packages failed: db (boom), web (tsc error); 5 blocked');
  });

  it('finishRun joins started children: a failure fails the run unless the node continues on failure', async () => {
    const resume = {
      stage: 1,
      generation: 2,
      startedAt: '2026-01-01T00:00:00.000Z',
      results: { before: 1 },
      errors: {},
      retryRequested: false,
      finishRequested: false,
      loop: undefined as never,
    };
    const run = openRun({ x: 1 }, resume);
    expect(run.results).toEqual({ before: 1 });
    expect(run.generation).toBe(2);
    joinChild(run, 'ok', { result: async () => 'done' }, false);
    joinChild(run, 'tolerated', { result: async () => Promise.reject(new Error('docs failed')) }, true);
    expect(await finishRun(run)).toEqual({ before: 1 });
    expect(run.errors).toEqual({ tolerated: 'docs failed' });

    const strict = openRun({});
    joinChild(strict, 'site', { result: async () => Promise.reject(new Error('site failed')) }, false);
    await expect(finishRun(strict)).rejects.toThrow('site failed');

    const failed = openRun({});
    failed.failures.push('build: 1 of 2 packages failed: a (x)');
    await expect(finishRun(failed)).rejects.toMatchObject({ type: 'PackagesFailed', nonRetryable: true });
  });
});
