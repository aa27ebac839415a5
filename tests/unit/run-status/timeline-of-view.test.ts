// Tier: unit (quick). A run view's build spans (read by main from the history) reach the charts:
// toRunView attaches them per package, a delta carries a package again only when its spans
// changed, and timelineOfView turns the view plus the graph into the shared timeline — a live
// run drawn to now, a finished one to its end, an up-to-date package done at the start.
import { describe, expect, it } from 'vitest';
import type { OrchestrationState } from '../../../src/core/orchestration/orchestration-state';
import {
  RunViewSchema,
  diffRunViews,
  timelineOfView,
  toRunView,
  type BuildSpan,
} from '../../../src/core/run-status';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function state(patch: Partial<OrchestrationState> = {}): OrchestrationState {
  return {
    workflowType: 'PackageBuilder',
    phase: 'building',
    totals: { packages: 4, completed: 2, failed: 0, blocked: 0, active: 1, queued: 0, pending: 1 },
    completed: [
      { name: 'a', durationMs: 100, childWorkflowId: 'w/a#1' },
      { name: 'seed', durationMs: 90, childWorkflowId: '' },
    ],
    active: [{ name: 'b', startedAt: '2026-01-01T00:00:00.150Z', childWorkflowId: 'w/b#1', attempt: 1 }],
    failed: [],
    blocked: [],
    queue: [],
    concurrency: { now: 1, max: 2 },
    eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 10_000 },
    startedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

const graph = [
  { name: 'seed' },
  { name: 'a', dependencies: ['seed'] },
  { name: 'b', dependencies: ['a'] },
  { name: 'c', dependencies: ['b'] },
];

describe('build spans in the run view', () => {
  const builds = new Map<string, BuildSpan[]>([
    ['a', [{ attempt: 1, startedAtMs: T0 + 10, finishedAtMs: T0 + 110, outcome: 'completed' }]],
    ['b', [{ attempt: 1, startedAtMs: T0 + 150, outcome: 'running' }]],
  ]);

  it('are attached per package and pass the IPC schema', () => {
    const view = toRunView(state(), { names: ['seed', 'a', 'b', 'c'], builds });
    expect(view.packages.a!.builds).toEqual(builds.get('a'));
    expect(view.packages.c!.builds).toBeUndefined();
    expect(RunViewSchema.safeParse(view).success).toBe(true);
  });

  it('make a package changed in a delta only when they change', () => {
    const before = toRunView(state(), { names: ['seed', 'a', 'b', 'c'], builds });
    const same = toRunView(state(), { names: ['seed', 'a', 'b', 'c'], builds: new Map(builds) });
    expect(Object.keys(diffRunViews(before, same).changed)).toEqual([]);
    const closed = new Map(builds);
    closed.set('b', [{ attempt: 1, startedAtMs: T0 + 150, finishedAtMs: T0 + 300, outcome: 'completed' }]);
    const after = toRunView(state(), { names: ['seed', 'a', 'b', 'c'], builds: closed });
    expect(Object.keys(diffRunViews(before, after).changed)).toEqual(['b']);
  });

  it('feed the timeline: live to now, reused done at the start, waiting segments from the graph', () => {
    const view = toRunView(state(), { names: ['seed', 'a', 'b', 'c'], builds });
    const t = timelineOfView(view, graph, T0 + 200);
    expect(t.startMs).toBe(T0);
    expect(t.endMs).toBe(T0 + 200);
    const rows = Object.fromEntries(t.packages.map((p) => [p.name, p]));
    expect(rows.seed).toEqual({ name: 'seed', builds: [], readyAtMs: T0 });
    expect(rows.a).toMatchObject({ waitingForSlot: { startMs: T0, endMs: T0 + 10 }, readyAtMs: T0 });
    expect(rows.b).toMatchObject({
      waitingOnDependencies: { startMs: T0, endMs: T0 + 110 },
      waitingForSlot: { startMs: T0 + 110, endMs: T0 + 150 },
      builds: [{ startMs: T0 + 150, endMs: T0 + 200, outcome: 'running', attempt: 1 }],
    });
    expect(rows.c).toEqual({
      name: 'c',
      waitingOnDependencies: { startMs: T0, endMs: T0 + 200 },
      builds: [],
    });
    expect(t.concurrency.inFlight.at(-1)).toBe(1);
  });

  it('draws a finished run to the end of its package loop', () => {
    const done = new Map(builds);
    done.set('b', [{ attempt: 1, startedAtMs: T0 + 150, finishedAtMs: T0 + 300, outcome: 'completed' }]);
    const view = toRunView(state({ phase: 'finished', finishedAt: '2026-01-01T00:00:00.320Z' }), {
      names: ['seed', 'a', 'b', 'c'],
      builds: done,
      closed: 'completed',
    });
    const t = timelineOfView(view, graph, T0 + 99_999);
    expect(t.endMs).toBe(T0 + 320);
    expect(t.slowness.makespanMs).toBe(320);
    expect(t.slowness.criticalPath).toEqual({ path: ['seed', 'a', 'b', 'c'], lengthMs: 250 });
  });
});
