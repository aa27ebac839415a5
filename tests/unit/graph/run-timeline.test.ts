// Tier: unit (quick). The run charts' numbers, computed once in core: each package's three
// segments (waiting on dependencies, waiting for a slot, building), the in-flight / waiting step
// series, and the why-was-it-slow report (utilisation, idle slot time the critical path caused,
// the ten slowest packages, the critical path's share), checked against values worked by hand.
import { describe, expect, it } from 'vitest';
import { GraphError, runTimeline } from '../../../src/core/graph';
import type { PackageSpec, RunAttempt } from '../../../src/core/graph';

const T = 1_700_000_000_000; // times are absolute ms; only differences matter
const at = (
  name: string,
  from: number,
  to: number | undefined,
  extra: Partial<RunAttempt> = {},
): RunAttempt => ({
  name,
  outcome: to === undefined ? 'running' : 'completed',
  startedAtMs: T + from,
  ...(to !== undefined && { finishedAtMs: T + to }),
  ...extra,
});
const span = (from: number, to: number) => ({ startMs: T + from, endMs: T + to });

describe('runTimeline', () => {
  // b needs a; d needs b and c. N = 2. c waits 5 ms for the scheduler; b and d wait for their
  // dependencies, then 5 and 10 ms more; the run ends 10 ms after d's close.
  const packages: PackageSpec[] = [
    { name: 'a' },
    { name: 'b', dependencies: ['a'] },
    { name: 'c' },
    { name: 'd', dependencies: ['b', { name: 'c', kind: 'dependency' }] },
  ];
  const attempts = [at('a', 0, 30), at('c', 5, 20), at('b', 35, 60), at('d', 70, 100)];

  it('splits each package into waiting on dependencies, waiting for a slot and building', () => {
    const t = runTimeline({ packages, slots: 2, attempts, startedAtMs: T, endMs: T + 110 });
    const build = (from: number, to: number) => ({ ...span(from, to), attempt: 1, outcome: 'completed' });
    expect(t.packages).toEqual([
      { name: 'a', builds: [build(0, 30)], readyAtMs: T },
      {
        name: 'b',
        waitingOnDependencies: span(0, 30),
        waitingForSlot: span(30, 35),
        builds: [build(35, 60)],
        readyAtMs: T + 30,
      },
      { name: 'c', waitingForSlot: span(0, 5), builds: [build(5, 20)], readyAtMs: T },
      {
        name: 'd',
        waitingOnDependencies: span(0, 60),
        waitingForSlot: span(60, 70),
        builds: [build(70, 100)],
        readyAtMs: T + 60,
      },
    ]);
  });

  it('steps in-flight and waiting counts over time, never above what ran', () => {
    const { concurrency } = runTimeline({ packages, slots: 2, attempts, startedAtMs: T, endMs: T + 110 });
    expect(concurrency.timesMs.map((t) => t - T)).toEqual([0, 5, 20, 30, 35, 60, 70, 100, 110]);
    expect(concurrency.inFlight).toEqual([1, 2, 1, 0, 1, 0, 1, 0, 0]);
    expect(concurrency.waitingForSlot).toEqual([1, 0, 0, 1, 0, 1, 0, 0, 0]);
  });

  it('says why the run was slow', () => {
    const { slowness } = runTimeline({ packages, slots: 2, attempts, startedAtMs: T, endMs: T + 110 });
    // Busy 100 ms of 2 × 110: 0.4545…; idle 120 ms. Nothing was ready during [20,30) (a builds),
    // [35,60) (b), [70,100) (d): one idle slot each, 65 ms, all beside the critical path a → b → d;
    // during [100,110) both slots idle with nothing to run: 20 ms more waiting, no critical build.
    expect(slowness.slotUtilisation).toBeCloseTo(100 / 220, 12);
    expect(slowness.idleSlotMs).toBe(120);
    expect(slowness.idleWaitingOnDependenciesMs).toBe(85);
    expect(slowness.idleOnCriticalPathMs).toBe(65);
    expect(slowness.criticalPath).toEqual({ path: ['a', 'b', 'd'], lengthMs: 85 });
    expect(slowness.criticalPathShare).toBeCloseTo(85 / 110, 12);
    expect(slowness.makespanMs).toBe(110);
    expect(slowness.slowest).toEqual([
      { name: 'a', durationMs: 30 },
      { name: 'd', durationMs: 30 },
      { name: 'b', durationMs: 25 },
      { name: 'c', durationMs: 15 },
    ]);
  });

  it('keeps the ten slowest of more, slowest first', () => {
    const many: PackageSpec[] = Array.from({ length: 12 }, (_, i) => ({ name: `p${i}` }));
    const t = runTimeline({
      packages: many,
      slots: 12,
      attempts: many.map((p, i) => at(p.name, 0, (i + 1) * 10)),
      startedAtMs: T,
      endMs: T + 120,
    });
    expect(t.slowness.slowest.map((s) => s.name)).toEqual([
      'p11',
      'p10',
      'p9',
      'p8',
      'p7',
      'p6',
      'p5',
      'p4',
      'p3',
      'p2',
    ]);
    expect(t.slowness.slowest[0]).toEqual({ name: 'p11', durationMs: 120 });
  });

  it('draws a live run to now, retries as separate builds, reused packages as done at the start', () => {
    const t = runTimeline({
      packages: [
        { name: 'base' },
        { name: 'lib', dependencies: ['base'] },
        { name: 'app', dependencies: ['lib'] },
        { name: 'tool', dependencies: ['base'] },
      ],
      slots: 1,
      reused: ['base'],
      attempts: [
        at('lib', 0, 10, { attempt: 1, outcome: 'failed' }),
        at('lib', 40, undefined, { attempt: 2 }), // the retry, still building
      ],
      startedAtMs: T,
      endMs: T + 50,
    });
    const [base, lib, app, tool] = t.packages;
    expect(base).toEqual({ name: 'base', builds: [], readyAtMs: T });
    expect(lib).toEqual({
      name: 'lib',
      builds: [
        { ...span(0, 10), attempt: 1, outcome: 'failed' },
        { ...span(40, 50), attempt: 2, outcome: 'running' },
      ],
      readyAtMs: T,
    });
    // app's dependency never completed: it waits on it to the end of the window.
    expect(app).toEqual({ name: 'app', waitingOnDependencies: span(0, 50), builds: [] });
    // tool was ready at once but the one slot went to lib: waiting for a slot to now.
    expect(tool).toEqual({ name: 'tool', waitingForSlot: span(0, 50), builds: [], readyAtMs: T });
    expect(t.concurrency.inFlight).toEqual([1, 0, 1, 1]);
    expect(t.concurrency.timesMs.map((x) => x - T)).toEqual([0, 10, 40, 50]);
    expect(Math.max(...t.concurrency.inFlight)).toBeLessThanOrEqual(1);
  });

  it('names bad input', () => {
    const base = { packages, slots: 2, attempts, startedAtMs: T, endMs: T + 110 };
    expect(() => runTimeline({ ...base, endMs: T - 1 })).toThrow(
      /end .* must be a time at or after its start/,
    );
    expect(() => runTimeline({ ...base, slots: 0 })).toThrow(GraphError);
    expect(() => runTimeline({ ...base, attempts: [at('ghost', 0, 1)] })).toThrow(/unknown package "ghost"/);
  });
});
