// Quick tier. Proves ReadyTracker.retryFailed(only): re-opens the named failed packages and what
// they block, leaves other failures and their blocked dependents as they are (a dependent blocked
// by two failures stays blocked by the one not retried), and refuses a package that is not failed.
import { describe, expect, it } from 'vitest';
import { DependencyGraph, GraphError, ReadyTracker } from '../../../src/core/graph';

/**
 *   core ← util ← api ← app
 *     ↖ log ←──────────┘      app depends on api and log; docs ← guide
 */
function graph(): DependencyGraph {
  return DependencyGraph.fromPackages([
    { name: 'core' },
    { name: 'log', dependencies: ['core'] },
    { name: 'util', dependencies: ['core'] },
    { name: 'api', dependencies: ['util'] },
    { name: 'app', dependencies: ['api', 'log'] },
    { name: 'docs' },
    { name: 'guide', dependencies: ['docs'] },
  ]);
}

function failedRun(): ReadyTracker {
  const t = new ReadyTracker(graph());
  t.start('core');
  t.complete('core');
  t.start('util');
  t.fail('util', 'flaky util');
  t.start('log');
  t.fail('log', 'flaky log');
  t.start('docs');
  t.fail('docs', 'flaky docs');
  return t;
}

describe('ReadyTracker.retryFailed(only)', () => {
  it('re-opens one failed package and its blocked dependents only', () => {
    const t = failedRun();
    expect(t.stateOf('guide')).toBe('blocked');
    expect(t.retryFailed(['docs'])).toEqual(['docs', 'guide']);
    expect(t.stateOf('docs')).toBe('ready');
    expect(t.stateOf('guide')).toBe('pending');
    expect(t.errorOf('docs')).toBeUndefined();
    // The other failures are untouched.
    expect(t.stateOf('util')).toBe('failed');
    expect(t.errorOf('util')).toBe('flaky util');
    expect(t.stateOf('api')).toBe('blocked');
    expect(t.stateOf('log')).toBe('failed');
    expect(t.nextReady('fifo')).toBe('docs');
    expect(t.nextReady('fifo')).toBeUndefined();
    expect(t.complete('docs')).toEqual(['guide']);
  });

  it('keeps a dependent blocked by another failure that is not retried', () => {
    const t = failedRun();
    // app is blocked (first by util); retrying util alone re-opens api, but app also needs log.
    expect(t.retryFailed(['util'])).toEqual(['util', 'api']);
    expect(t.stateOf('app')).toBe('blocked');
    expect(t.blockerOf('app')).toBe('log');
    expect(t.counts()).toMatchObject({ ready: 1, pending: 1, failed: 2, blocked: 2 });
  });

  it('retries several named packages at once, and everything without `only`', () => {
    const t = failedRun();
    expect(t.retryFailed(['util', 'log']).sort()).toEqual(['api', 'app', 'log', 'util']);
    expect(t.stateOf('guide')).toBe('blocked');
    expect(t.retryFailed()).toEqual(['docs', 'guide']);
    expect(t.counts()).toMatchObject({ failed: 0, blocked: 0 });
  });

  it('refuses a package that is not failed or not in the graph', () => {
    const t = failedRun();
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return GraphError.is(error) ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => t.retryFailed(['api']))).toBe('INVALID_STATE');
    expect(codeOf(() => t.retryFailed(['nope']))).toBe('UNKNOWN_PACKAGE');
    expect(t.stateOf('util')).toBe('failed'); // nothing moved
  });
});
