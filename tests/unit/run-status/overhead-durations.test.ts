// Tier: unit (quick). durationsWithChildOverhead: the what-if input built from each build's own time
// plus one median per-child overhead — the median (not the mean, not per package) so a heavy-tailed
// overhead sample cannot lengthen one package; negatives count (noise), the result is never below 0;
// bad times are named.
import { describe, expect, it } from 'vitest';
import { durationsWithChildOverhead } from '../../../src/core/run-status';

describe('durationsWithChildOverhead', () => {
  it('adds the median of observed − build to every build time', () => {
    const build = new Map([
      ['a', 1000],
      ['b', 2000],
      ['c', 500],
    ]);
    // Overheads 200, 300 and one outlier of 1,500: the median is 300.
    const observed = new Map([
      ['a', 1200],
      ['b', 2300],
      ['c', 2000],
    ]);
    const { durations, overheadMs } = durationsWithChildOverhead(build, observed);
    expect(overheadMs).toBe(300);
    expect(Object.fromEntries(durations)).toEqual({ a: 1300, b: 2300, c: 800 });
  });

  it('keeps the observed time of a package without a build time, and the median of an even count', () => {
    const { durations, overheadMs } = durationsWithChildOverhead(
      new Map([
        ['a', 100],
        ['b', 100],
      ]),
      new Map([
        ['a', 150],
        ['b', 250],
        ['z', 4000],
      ]),
    );
    expect(overheadMs).toBe(100);
    expect(Object.fromEntries(durations)).toEqual({ a: 200, b: 200, z: 4000 });
  });

  it('counts negative differences and never returns a negative overhead', () => {
    const build = new Map([
      ['a', 100],
      ['b', 100],
      ['c', 100],
    ]);
    const observed = new Map([
      ['a', 90],
      ['b', 95],
      ['c', 400],
    ]);
    expect(durationsWithChildOverhead(build, observed).overheadMs).toBe(0);
    expect(durationsWithChildOverhead(build, new Map()).overheadMs).toBe(0);
  });

  it('names a package whose time is not a finite number ≥ 0', () => {
    expect(() => durationsWithChildOverhead(new Map([['a', -1]]), new Map())).toThrow(
      'The build time of package "a" must be a finite number of ms ≥ 0, got -1',
    );
    expect(() => durationsWithChildOverhead(new Map(), new Map([['b', Number.NaN]]))).toThrow(
      'observed time of package "b"',
    );
  });
});
