// Tier: unit (quick). estimatesFromHistory, the choice of the what-if's input: observed medians
// when no build time is recorded (as before); build time + ONE median per-child overhead when the
// history has build times, the overhead taken from the same builds; packages with no build time
// keep their observed median.
import { describe, expect, it } from 'vitest';
import { estimatesFromHistory, type RecordedBuild } from '../../../src/core/run-status';

const b = (observedMs: number, buildMs: number | null = null): RecordedBuild => ({ observedMs, buildMs });

describe('estimatesFromHistory', () => {
  it('uses observed medians when no build time is known', () => {
    const result = estimatesFromHistory(
      new Map([
        ['a', [b(100), b(300), b(200)]],
        ['c', [b(101), b(102)]],
      ]),
    );
    expect(result).toEqual({
      durations: new Map([
        ['a', 200],
        ['c', 102], // 101.5, rounded
      ]),
      source: 'observed',
      overheadMs: 0,
    });
  });

  it('uses build time + one median overhead, replacing per-package overhead outliers', () => {
    // a and b have ~100 ms overhead; c's one child waited 2 s (an outlier that would lengthen a prediction).
    const result = estimatesFromHistory(
      new Map([
        ['a', [b(1100, 1000)]],
        ['b', [b(600, 500)]],
        ['c', [b(2400, 400)]],
      ]),
    );
    expect(result.source).toBe('build-time+overhead');
    expect(result.overheadMs).toBe(100);
    expect(result.durations).toEqual(
      new Map([
        ['a', 1100],
        ['b', 600],
        ['c', 500],
      ]),
    );
  });

  it('takes the overhead from builds with a build time only; packages without one keep their observed median', () => {
    const result = estimatesFromHistory(
      new Map([
        // the newest build has a build time, the older (pre-migration) ones do not
        ['a', [b(1200, 1000), b(5000), b(6000)]],
        ['old', [b(700), b(900)]],
      ]),
    );
    expect(result.overheadMs).toBe(200);
    expect(result.durations).toEqual(
      new Map([
        ['a', 1200],
        ['old', 800],
      ]),
    );
  });
});
