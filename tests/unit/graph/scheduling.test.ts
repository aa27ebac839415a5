import { describe, expect, it } from 'vitest';
import {
  DependencyGraph,
  estimateCompletion,
  estimateDurations,
  knownDurations,
  median,
  simulateSchedule,
} from '../../../src/core/graph';

/** Diamond: top depends on left and right, both depend on base. */
function diamond(): DependencyGraph {
  return DependencyGraph.fromPackages([
    { name: 'base' },
    { name: 'left', dependencies: ['base'] },
    { name: 'right', dependencies: ['base'] },
    { name: 'top', dependencies: ['left', 'right'] },
  ]);
}

const DIAMOND_MS = { base: 2, left: 10, right: 3, top: 1 };

describe('critical path and bottom levels', () => {
  it('finds the longest weighted path', () => {
    expect(diamond().criticalPath(DIAMOND_MS)).toEqual({ length: 13, path: ['base', 'left', 'top'] });
  });

  it('gives each package its longest remaining path', () => {
    expect(Object.fromEntries(diamond().bottomLevels(DIAMOND_MS))).toEqual({
      base: 13,
      left: 11,
      right: 4,
      top: 1,
    });
  });

  it('falls back to declared estimates, then to 1', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', estimatedDurationMs: 7 },
      { name: 'b', dependencies: ['a'] },
    ]);
    expect(g.criticalPath().length).toBe(8);
    expect(g.criticalPath(new Map([['b', 4]])).length).toBe(11);
    expect(new DependencyGraph().criticalPath()).toEqual({ length: 0, path: [] });
  });

  it('rejects negative or non-finite durations, naming the package', () => {
    expect(() => diamond().criticalPath({ left: -1 })).toThrow('Duration of package "left"');
    expect(() => diamond().criticalPath({ left: NaN })).toThrow(/finite/);
  });
});

describe('estimateDurations', () => {
  it('uses the history median, else the declared estimate, else 1', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', estimatedDurationMs: 500 },
      { name: 'b', estimatedDurationMs: 500 },
      { name: 'c' },
      { name: 'd' },
    ]);
    const history = new Map([
      ['a', [100, 900, 120]],
      ['b', []],
      ['gone', [5]],
    ]);
    const est = estimateDurations(g, history, { c: 42 });
    expect(Object.fromEntries(est)).toEqual({ a: 120, b: 500, c: 42, d: 1 });
  });

  it('knownDurations leaves out the packages only the default would give a time (a child told "unknown")', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', estimatedDurationMs: 500 },
      { name: 'b' },
      { name: 'c' },
    ]);
    expect(Object.fromEntries(knownDurations(g, { b: 42, gone: 5 }))).toEqual({ a: 500, b: 42 });
    expect(() => knownDurations(g, { c: -1 })).toThrow(/Duration of package "c"/);
  });

  it('computes medians robustly', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, -5, 7])).toBe(7);
    expect(median([])).toBeUndefined();
  });
});

describe('simulateSchedule', () => {
  it('runs everything back to back on one slot', () => {
    const r = simulateSchedule(diamond(), DIAMOND_MS, 1);
    expect(r.makespan).toBe(16);
    expect(r.lowerBound).toBe(16);
    expect(r.ratio).toBe(1);
    expect(r.schedule.map((s) => s.name)).toEqual(['base', 'left', 'right', 'top']);
  });

  it('reaches the critical path with enough slots', () => {
    const r = simulateSchedule(diamond(), DIAMOND_MS, 2);
    expect(r).toMatchObject({ makespan: 13, criticalPath: 13, totalWork: 16, lowerBound: 13 });
    expect(r.schedule).toContainEqual({ name: 'right', start: 2, finish: 5 });
  });

  it('beats FIFO when the long chain was declared last', () => {
    // Two slots. FIFO starts the two fillers first and the 10-long chain only after them.
    const g = DependencyGraph.fromPackages([
      { name: 'filler1', estimatedDurationMs: 5 },
      { name: 'filler2', estimatedDurationMs: 5 },
      { name: 'chain1', estimatedDurationMs: 5 },
      { name: 'chain2', dependencies: ['chain1'], estimatedDurationMs: 5 },
    ]);
    expect(simulateSchedule(g, undefined, 2, 'fifo').makespan).toBe(15);
    expect(simulateSchedule(g, undefined, 2, 'critical-path-first').makespan).toBe(10);
  });

  it('rejects a bad slot count', () => {
    expect(() => simulateSchedule(diamond(), undefined, 0)).toThrow('Slot count');
    expect(simulateSchedule(diamond(), DIAMOND_MS, Infinity).makespan).toBe(13);
  });
});

describe('estimateCompletion', () => {
  it('equals the simulated makespan at the start of a run', () => {
    expect(estimateCompletion(diamond(), DIAMOND_MS, 2).remainingMs).toBe(13);
  });

  it('subtracts the elapsed time of in-flight packages and skips completed ones', () => {
    const est = estimateCompletion(diamond(), DIAMOND_MS, 2, [{ name: 'left', elapsedMs: 4 }], {
      completed: ['base', 'right'],
    });
    expect(est).toEqual({ remainingMs: 7, lowerBoundMs: 7, criticalPathMs: 7, remainingWorkMs: 7 });
  });

  it('treats an overrunning package as about to finish', () => {
    const est = estimateCompletion(diamond(), DIAMOND_MS, 2, [{ name: 'left', elapsedMs: 60 }], {
      completed: ['base', 'right'],
    });
    expect(est.remainingMs).toBe(1);
  });

  it('leaves out excluded packages and everything downstream of them', () => {
    const est = estimateCompletion(diamond(), DIAMOND_MS, 2, [], { completed: ['base'], excluded: ['left'] });
    expect(est.remainingMs).toBe(3); // right runs; top is blocked by left
    expect(est.remainingWorkMs).toBe(3);
  });

  it('keeps in-flight packages beyond the slot count running without starting more', () => {
    const g = DependencyGraph.fromPackages([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const est = estimateCompletion(g, { a: 4, b: 4, c: 4 }, 1, [
      { name: 'a', elapsedMs: 0 },
      { name: 'b', elapsedMs: 2 },
    ]);
    expect(est.remainingMs).toBe(8); // c waits until the run is back under one slot
  });

  it('rejects an in-flight package that is also completed', () => {
    expect(() =>
      estimateCompletion(diamond(), DIAMOND_MS, 2, [{ name: 'base', elapsedMs: 1 }], { completed: ['base'] }),
    ).toThrow('In-flight package "base"');
  });
});
