import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../src/core/run-status';
import {
  buildRunGraphModel,
  liveCriticalPath,
  relatedPackages,
  remainingEstimate,
  statusOf,
} from '../../../src/renderer/src/lib/run-graph-model';

// a → b → c → d, and a → c (transitive), x alone
const graph = {
  source: 'definition' as const,
  packages: [
    { name: 'a', dependencies: [], estimatedDurationMs: 1000 },
    { name: 'b', dependencies: ['a'], estimatedDurationMs: 1000 },
    { name: 'c', dependencies: ['b', 'a'], estimatedDurationMs: 1000 },
    { name: 'd', dependencies: ['c'], estimatedDurationMs: 5000 },
    { name: 'x', dependencies: [], estimatedDurationMs: 100 },
  ],
};

const view = (statuses: Record<string, RunView['packages'][string]>): RunView => ({
  summary: {
    workflowType: 'PackageBuilder',
    phase: 'building',
    totals: { packages: 5, completed: 0, failed: 0, blocked: 0, active: 0, queued: 0, pending: 5 },
    concurrency: { now: 1, max: 2 },
    startedAt: '2026-01-01T00:00:00.000Z',
    queue: [],
    generation: 0,
  },
  packages: statuses,
});

describe('run graph model', () => {
  const model = buildRunGraphModel(graph);

  it('draws the reduced edges and places every package', () => {
    expect(model.edges).toEqual([
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'd' },
    ]);
    expect(Object.keys(model.placeholder).sort()).toEqual(['a', 'b', 'c', 'd', 'x']);
  });

  it('focus reaches up- and downstream to the chosen depth', () => {
    expect([...relatedPackages(model, 'b', 1)].sort()).toEqual(['a', 'b', 'c']);
    expect([...relatedPackages(model, 'b')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...relatedPackages(model, 'x')]).toEqual(['x']);
  });

  it('a package the view does not list is pending, or cancelled once the run ended (as the run view says: skipped means it had nothing to build)', () => {
    expect(statusOf(view({}), 'a')).toBe('pending');
    const ended = view({});
    ended.summary.closed = 'completed';
    expect(statusOf(ended, 'a')).toBe('cancelled');
  });

  it('the live critical path drops what is done; the ETA counts what is left', () => {
    const now = Date.parse('2026-01-01T00:00:10.000Z');
    const v = view({
      a: { status: 'completed', durationMs: 1000, estimateMs: 1000 },
      b: { status: 'building', startedAt: '2026-01-01T00:00:09.500Z', attempt: 1, estimateMs: 1000 },
      c: { status: 'pending', estimateMs: 1000 },
      d: { status: 'pending', estimateMs: 5000 },
      x: { status: 'completed', durationMs: 100, estimateMs: 100 },
    });
    expect(liveCriticalPath(model, v, now)).toEqual(['b', 'c', 'd']);
    const eta = remainingEstimate(model, v, now)!;
    expect(eta.remainingMs).toBe(500 + 1000 + 5000);
  });
});
