// Tier: unit (quick). The dependency tracker of the hand-written reference PackageBuilder
// (benchmarks/reference/): critical-path-first order, readiness only after every dependency
// completed, transitive blocking with the first blocker, and clear errors for bad graphs — so the
// reference the equivalence benchmark compares against schedules correctly on its own.
import { describe, expect, it } from 'vitest';
import { DependencyTracker } from '../../../benchmarks/reference/dependency-tracker';

//   a(1) ─┬─> c(5) ─> e(1)
//   b(3) ─┘   d(1) (independent)
const packages = [
  { name: 'a', estimatedDurationMs: 1 },
  { name: 'b', estimatedDurationMs: 3 },
  { name: 'c', dependencies: ['a', 'b'], estimatedDurationMs: 5 },
  { name: 'd', estimatedDurationMs: 1 },
  { name: 'e', dependencies: ['c'], estimatedDurationMs: 1 },
];

describe('reference DependencyTracker', () => {
  it('hands out ready packages longest remaining path first, ties in the order they became ready', () => {
    const t = new DependencyTracker(packages);
    expect(t.bottomLevel.get('b')).toBe(9);
    expect(t.bottomLevel.get('a')).toBe(7);
    expect(t.queue()).toEqual(['b', 'a', 'd']);
    expect(t.takeReady(2)).toEqual(['b', 'a']);
    expect(t.takeReady(5)).toEqual(['d']);
    expect(t.takeReady(1)).toEqual([]);
  });

  it('history estimates override the declared ones in the order', () => {
    const t = new DependencyTracker(packages, { d: 100 });
    expect(t.takeReady(1)).toEqual(['d']);
  });

  it('makes a package ready only when its last dependency completed', () => {
    const t = new DependencyTracker(packages);
    t.takeReady(3);
    t.markCompleted('a');
    expect(t.status.get('c')).toBe('pending');
    t.markCompleted('b');
    expect(t.takeReady(4)).toEqual(['c']);
    expect(t.hasWork()).toBe(true);
    t.markCompleted('d');
    t.markCompleted('c');
    t.takeReady(1);
    t.markCompleted('e');
    expect(t.hasWork()).toBe(false);
    expect(t.named('completed')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('blocks the transitive dependents of a failed package, naming it', () => {
    const t = new DependencyTracker(packages);
    t.takeReady(3);
    t.markFailed('b', 'tsc error');
    expect(t.named('blocked')).toEqual(['c', 'e']);
    expect(t.blockedBy.get('e')).toBe('b');
    expect(t.errors.get('b')).toBe('tsc error');
  });

  it('names an unknown dependency, a duplicate and a cycle', () => {
    expect(() => new DependencyTracker([{ name: 'x', dependencies: ['y'] }])).toThrow(
      'Package "x" depends on unknown package "y"',
    );
    expect(() => new DependencyTracker([{ name: 'x' }, { name: 'x' }])).toThrow('"x" is listed twice');
    expect(
      () =>
        new DependencyTracker([
          { name: 'x', dependencies: ['y'] },
          { name: 'y', dependencies: ['x'] },
          { name: 'z' },
        ]),
    ).toThrow('Dependency cycle among: x, y');
  });
});
