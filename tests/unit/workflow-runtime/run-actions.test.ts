// Quick tier. Proves the runtime's run-action helpers that need no workflow context: requestRetry
// (the retryFailed signal's payload: named packages add up, a retry of everything wins) and
// concurrencyOf (the run's maxConcurrent input replaces the definition's N; a bad value fails the
// run naming it); and the main process's WorkerStatusTracker (worker.status answers and events).
import { describe, expect, it } from 'vitest';
import { WorkerStatusTracker } from '../../../src/main/ipc/handlers/worker-status-handlers';
import { concurrencyOf, requestRetry, type OrchestratedRun } from '../../../src/workflow-runtime';

const run = (input: Record<string, unknown> = {}) =>
  ({ input, retryRequested: false, retryPackages: undefined }) as unknown as OrchestratedRun;

describe('requestRetry', () => {
  it('collects named packages until the window takes them', () => {
    const r = run();
    requestRetry(r, { packages: ['a'] });
    requestRetry(r, { packages: ['b', 'a'] });
    expect(r.retryRequested).toBe(true);
    expect(r.retryPackages).toEqual(['a', 'b']);
  });

  it('a retry of everything wins over named packages, before or after them', () => {
    const before = run();
    requestRetry(before);
    requestRetry(before, { packages: ['a'] });
    expect(before.retryPackages).toBeUndefined();
    const after = run();
    requestRetry(after, { packages: ['a'] });
    requestRetry(after, { packages: [] });
    expect(after.retryPackages).toBeUndefined();
  });
});

describe('concurrencyOf', () => {
  it("is the run's maxConcurrent when given, else the definition's N", () => {
    expect(concurrencyOf(run(), 4, 64)).toBe(4);
    expect(concurrencyOf(run({ maxConcurrent: 2 }), 4, 64)).toBe(2);
  });

  it('fails the run on a value that is not a whole number from 1 to the limit', () => {
    for (const bad of [0, -1, 2.5, 65, '3'])
      expect(() => concurrencyOf(run({ maxConcurrent: bad }), 4, 64)).toThrow(
        /maxConcurrent must be a whole number from 1 to 64/,
      );
  });
});

describe('WorkerStatusTracker', () => {
  it('answers worker.status with the last state and publishes each change', () => {
    const published: unknown[] = [];
    const tracker = new WorkerStatusTracker(
      { publish: (_event, payload) => void published.push(payload) },
      () => new Date('2026-01-01T00:00:00.000Z'),
    );
    expect(tracker.status().state).toBe('stopped');
    tracker.update('crashed', 'Worker process exited with code 1; restarting in 500 ms');
    tracker.update('starting');
    expect(published).toEqual([
      {
        state: 'crashed',
        message: 'Worker process exited with code 1; restarting in 500 ms',
        since: '2026-01-01T00:00:00.000Z',
      },
      { state: 'starting', since: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(tracker.handlers()['worker.status']({})).toEqual({
      state: 'starting',
      since: '2026-01-01T00:00:00.000Z',
    });
  });
});
