import { describe, expect, it } from 'vitest';
import { DependencyGraph, GraphError, ReadyTracker } from '../../../src/core/graph';

/**
 *   core ← util ← api ← app
 *     ↖ log ←──────────┘
 * (app depends on api and log; api on util; util and log on core)
 */
function smallGraph(): DependencyGraph {
  return DependencyGraph.fromPackages([
    { name: 'core' },
    { name: 'log', dependencies: ['core'] },
    { name: 'util', dependencies: ['core'] },
    { name: 'api', dependencies: ['util'] },
    { name: 'app', dependencies: ['api', 'log'] },
    { name: 'docs' },
  ]);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return GraphError.is(error) ? error.code : 'not a GraphError';
  }
  return undefined;
}

describe('ReadyTracker', () => {
  it('walks a run to completion, reporting newly ready packages', () => {
    const t = new ReadyTracker(smallGraph());
    expect(t.snapshot().ready).toEqual(['core', 'docs']);
    expect(t.newlyReady()).toEqual(['core', 'docs']);
    expect(t.newlyReady()).toEqual([]);
    t.start('core');
    expect(t.complete('core')).toEqual(['log', 'util']);
    t.start('util');
    expect(t.complete('util')).toEqual(['api']);
    expect(t.stateOf('app')).toBe('pending');
    t.start('api');
    expect(t.complete('api')).toEqual([]); // app still waits for log
    t.start('log');
    expect(t.complete('log')).toEqual(['app']);
    expect(t.newlyReady()).toEqual(['app']); // log, util, api were started since: no longer ready
    expect(t.isFinished()).toBe(false);
    expect(t.complete('app')).toEqual([]); // a cache hit: completed straight from ready
    t.start('docs');
    t.complete('docs');
    expect(t.isFinished()).toBe(true);
    expect(t.counts()).toEqual({ pending: 0, ready: 0, running: 0, completed: 6, failed: 0, blocked: 0 });
  });

  it('refuses events that do not fit the current state', () => {
    const t = new ReadyTracker(smallGraph());
    expect(codeOf(() => t.start('app'))).toBe('INVALID_STATE');
    expect(codeOf(() => t.complete('api'))).toBe('INVALID_STATE');
    expect(codeOf(() => t.fail('nope', 'x'))).toBe('UNKNOWN_PACKAGE');
    t.start('core');
    expect(codeOf(() => t.start('core'))).toBe('INVALID_STATE');
    expect(() => t.start('util')).toThrow('Cannot start "util": it is pending, expected ready');
  });

  it('blocks the transitive dependents of a failure, each with its blocker', () => {
    const t = new ReadyTracker(smallGraph());
    t.start('core');
    t.complete('core');
    t.start('util');
    expect(t.fail('util', 'tsc exited with 2')).toEqual([
      { name: 'api', blockedBy: 'util' },
      { name: 'app', blockedBy: 'util' },
    ]);
    expect(t.stateOf('log')).toBe('ready'); // unrelated branches keep going
    t.start('log');
    expect(t.complete('log')).toEqual([]); // app is blocked, not ready
    expect(t.snapshot()).toEqual({
      completed: ['core', 'log'],
      running: [],
      failed: [{ name: 'util', error: 'tsc exited with 2' }],
      blocked: [
        { name: 'api', blockedBy: 'util' },
        { name: 'app', blockedBy: 'util' },
      ],
      ready: ['docs'],
      pending: [],
    });
    expect(t.errorOf('util')).toBe('tsc exited with 2');
    expect(t.blockerOf('app')).toBe('util');
  });

  it('keeps the first blocker when a second failure reaches an already blocked package', () => {
    const t = new ReadyTracker(smallGraph());
    t.start('core');
    t.complete('core');
    t.start('util');
    t.start('log');
    expect(t.fail('util', 'e1').map((b) => b.name)).toEqual(['api', 'app']);
    expect(t.fail('log', 'e2')).toEqual([]);
    expect(t.blockerOf('app')).toBe('util');
  });

  it('re-opens failed and blocked packages for a retry and keeps completed ones', () => {
    const t = new ReadyTracker(smallGraph());
    t.start('core');
    t.complete('core');
    t.start('util');
    t.fail('util', 'flaky');
    expect(t.retryFailed()).toEqual(['util', 'api', 'app']);
    expect(t.stateOf('core')).toBe('completed');
    expect(t.stateOf('util')).toBe('ready');
    expect(t.stateOf('api')).toBe('pending');
    expect(t.errorOf('util')).toBeUndefined();
    const order: string[] = [];
    for (let pkg = t.nextReady('fifo'); pkg; pkg = t.nextReady('fifo')) {
      order.push(pkg);
      t.complete(pkg);
    }
    expect(order).toEqual(['docs', 'log', 'util', 'api', 'app']);
    expect(t.counts().completed).toBe(6);
  });

  it('picks the package with the longest remaining path first, or FIFO on request', () => {
    // `slow` heads a long chain; `quick` was declared (and became ready) first.
    const g = DependencyGraph.fromPackages([
      { name: 'quick', estimatedDurationMs: 5 },
      { name: 'slow', estimatedDurationMs: 1 },
      { name: 'next', dependencies: ['slow'], estimatedDurationMs: 50 },
    ]);
    expect(new ReadyTracker(g).nextReady('critical-path-first')).toBe('slow');
    expect(new ReadyTracker(g).nextReady('fifo')).toBe('quick');
    // Explicit durations override the declared ones.
    expect(new ReadyTracker(g, { durations: { next: 0, quick: 100 } }).nextReady()).toBe('quick');
  });

  it('skips packages that were started by name while queued', () => {
    const t = new ReadyTracker(smallGraph());
    t.start('core');
    expect(t.nextReady('fifo')).toBe('docs');
    expect(t.nextReady('fifo')).toBeUndefined();
  });

  it('refuses a cyclic graph', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['a'] },
    ]);
    expect(codeOf(() => new ReadyTracker(g))).toBe('CYCLE');
  });

  it('survives a JSON round trip mid-run (continue-as-new) with identical behaviour', () => {
    const g = smallGraph();
    const t = new ReadyTracker(g, { durations: { util: 30, log: 10 } });
    t.start('core');
    t.complete('core');
    t.start('docs');
    t.fail('docs', 'boom');
    const json = JSON.parse(JSON.stringify(t)) as unknown;
    const back = ReadyTracker.fromJSON(DependencyGraph.fromJSON(JSON.parse(JSON.stringify(g))), json);
    expect(back.snapshot()).toEqual(t.snapshot());
    expect(back.counts()).toEqual(t.counts());
    expect(back.newlyReady()).toEqual(t.newlyReady());
    expect(back.nextReady()).toBe(t.nextReady()); // util: longer remaining path than log
    expect(back.toJSON()).toEqual(t.toJSON());
  });

  it('refuses saved state for another graph or contradicting the graph', () => {
    const t = new ReadyTracker(smallGraph());
    const json = t.toJSON();
    const other = DependencyGraph.fromPackages([{ name: 'x' }]);
    expect(() => ReadyTracker.fromJSON(other, json)).toThrow('different dependency graph');
    // app "running" although its dependencies never completed:
    const forged = { ...json, states: json.states.slice(0, 4) + 's' + json.states.slice(5) };
    expect(codeOf(() => ReadyTracker.fromJSON(smallGraph(), forged))).toBe('INVALID_STATE');
    expect(codeOf(() => ReadyTracker.fromJSON(smallGraph(), { ...json, states: 'xxxxxx' }))).toBe(
      'INVALID_JSON',
    );
  });
});
