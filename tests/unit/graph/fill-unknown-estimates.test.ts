// Tier: unit (quick). A first run's ETA: packages no earlier run built (the 1 ms placeholder) are
// estimated by the median of this run's finished builds; known estimates are kept; with unknowns
// and nothing finished there is no estimate at all (rather than a guess).
import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATION_MS, fillUnknownEstimates } from '../../../src/core/graph';

describe('fillUnknownEstimates', () => {
  it('gives unknown packages the median of the builds finished so far and keeps known ones', () => {
    const filled = fillUnknownEstimates(
      { a: 4_000, b: DEFAULT_DURATION_MS },
      ['a', 'b', 'c'],
      [1_000, 3_000, 2_000],
    );
    expect(filled).toEqual({ a: 4_000, b: 2_000, c: 2_000 });
  });

  it('is undefined while a package is unknown and nothing has finished, unchanged when all are known', () => {
    expect(fillUnknownEstimates({ a: 5 }, ['a', 'b'], [])).toBeUndefined();
    expect(fillUnknownEstimates({ a: 5, b: 7 }, ['a', 'b'], [])).toEqual({ a: 5, b: 7 });
  });
});
