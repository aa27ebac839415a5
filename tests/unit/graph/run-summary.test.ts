// Tier: unit (quick). The one module that computes a run's numbers: statuses, critical path,
// makespan against max(critical path, work / N), utilisation of the N slots over time, totals.
import { describe, expect, it } from 'vitest';
import { GraphError, summarizeRun } from '../../../src/core/graph';
import type { PackageSpec, RunAttempt } from '../../../src/core/graph';

const T = 1_700_000_000_000; // times are absolute ms; only differences matter
const at = (name: string, from: number, to: number, extra: Partial<RunAttempt> = {}): RunAttempt => ({
  name,
  outcome: 'completed',
  startedAtMs: T + from,
  finishedAtMs: T + to,
  ...extra,
});

describe('summarizeRun', () => {
  // c depends on a and b; d stands alone. N = 2; b fails once and is retried.
  const packages: PackageSpec[] = [
    { name: 'a' },
    { name: 'b' },
    { name: 'c', dependencies: ['a', 'b'] },
    { name: 'd' },
  ];
  const attempts: RunAttempt[] = [
    at('a', 0, 100, { logPath: '/logs/a.log' }),
    at('b', 0, 50, { attempt: 1, outcome: 'failed', error: 'flaky' }),
    at('b', 50, 150, { attempt: 2 }),
    at('d', 100, 160),
    at('c', 150, 250),
  ];

  it('computes statuses, critical path, lower bound, utilisation and totals of a finished run', () => {
    const s = summarizeRun({ packages, slots: 2, attempts, startedAtMs: T, finishedAtMs: T + 250 });
    expect(s.packages).toEqual([
      { name: 'a', status: 'completed', durationMs: 100, attempts: 1, logPath: '/logs/a.log' },
      { name: 'b', status: 'completed', durationMs: 150, attempts: 2 },
      { name: 'c', status: 'completed', durationMs: 100, attempts: 1 },
      { name: 'd', status: 'completed', durationMs: 60, attempts: 1 },
    ]);
    // b took 150 ms over its two attempts, then c 100 ms: 250 ms; a → c is 200 ms.
    expect(s.criticalPath).toEqual({ path: ['b', 'c'], lengthMs: 250 });
    expect(s.workMs).toBe(410);
    expect(s.slots).toBe(2);
    expect(s.makespanMs).toBe(250);
    expect(s.lowerBoundMs).toBe(250); // max(250, 410 / 2)
    expect(s.efficiency).toBe(1);
    // 2 in flight for 160 ms, 1 for 90 ms: mean 410 / (2 × 250).
    expect(s.utilisation).toEqual({ average: 0.82, max: 1, p95: 1 });
    expect(s.totals).toEqual({
      packages: 4,
      completed: 4,
      failed: 0,
      skipped: 0,
      cancelled: 0,
      running: 0,
      blocked: 0,
      pending: 0,
      attempts: 5,
      retries: 1,
    });
  });

  it('work / N bounds a wide run; p95 ignores a short burst', () => {
    const wide: PackageSpec[] = ['long', 's1', 's2', 's3'].map((name) => ({ name }));
    const s = summarizeRun({
      packages: wide,
      slots: 4,
      attempts: [at('long', 0, 1000), at('s1', 0, 10), at('s2', 0, 10), at('s3', 0, 10)],
    });
    expect(s.makespanMs).toBe(1000);
    expect(s.lowerBoundMs).toBe(1000);
    expect(s.utilisation).toEqual({ average: 1030 / 4000, max: 1, p95: 0.25 });

    const flat = summarizeRun({
      packages: wide,
      slots: 1,
      attempts: [at('long', 0, 400), at('s1', 400, 500), at('s2', 500, 600), at('s3', 600, 800)],
    });
    expect(flat.criticalPath.lengthMs).toBe(400);
    expect(flat.lowerBoundMs).toBe(800); // work / N = 800 > 400
    expect(flat.efficiency).toBe(1);
  });

  it('a run in progress: failed, blocked, running (until now), pending and skipped packages', () => {
    const s = summarizeRun({
      packages: [
        { name: 'db' },
        { name: 'api', dependencies: ['db'] },
        { name: 'web', dependencies: ['api'] },
        { name: 'docs' },
        { name: 'lint' },
        { name: 'later', dependencies: ['lint'] },
      ],
      slots: 2,
      attempts: [
        at('db', 0, 100, { outcome: 'failed', error: 'migration 042 failed', logPath: '/l/db.log' }),
        { name: 'docs', outcome: 'skipped', startedAtMs: T + 0, finishedAtMs: T + 5 },
        { name: 'lint', outcome: 'running', startedAtMs: T + 5 },
      ],
      blocked: [
        { name: 'api', blockedBy: 'db' },
        { name: 'web', blockedBy: 'api' },
      ],
      nowMs: T + 205,
    });
    expect(s.packages.map((p) => [p.name, p.status, p.durationMs])).toEqual([
      ['db', 'failed', 100],
      ['api', 'blocked', 0],
      ['web', 'blocked', 0],
      ['docs', 'skipped', 5],
      ['lint', 'running', 200],
      ['later', 'pending', 0],
    ]);
    expect(s.packages[0]).toMatchObject({ error: 'migration 042 failed', logPath: '/l/db.log' });
    expect(s.packages[1]).toMatchObject({ blockedBy: 'db' });
    expect(s.makespanMs).toBe(205);
    expect(s.totals).toMatchObject({
      failed: 1,
      blocked: 2,
      running: 1,
      pending: 1,
      skipped: 1,
      completed: 0,
    });
  });

  it('without attempt times: durations and the run window give the average utilisation only', () => {
    const s = summarizeRun({
      packages,
      slots: 2,
      attempts: packages.map((p) => ({ name: p.name, outcome: 'completed', durationMs: 100 })),
      startedAtMs: T,
      finishedAtMs: T + 400,
    });
    expect(s.criticalPath).toEqual({ path: ['a', 'c'], lengthMs: 200 });
    expect(s.lowerBoundMs).toBe(200);
    expect(s.efficiency).toBe(0.5);
    expect(s.utilisation).toEqual({ average: 0.5 });
    expect(summarizeRun({ packages, slots: 2, attempts: [] }).makespanMs).toBeUndefined();
  });

  it('refuses a slot count below 1 and attempts of unknown packages', () => {
    expect(() => summarizeRun({ packages, slots: 0, attempts: [] })).toThrow(/slots must be an integer >= 1/);
    try {
      summarizeRun({ packages, slots: 1, attempts: [at('nope', 0, 1)] });
      expect.unreachable();
    } catch (error) {
      expect(GraphError.is(error) && error.message).toBe('attempt of unknown package "nope"');
    }
  });
});
