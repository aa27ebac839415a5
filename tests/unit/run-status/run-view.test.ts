import { describe, expect, it } from 'vitest';
import type { OrchestrationState } from '../../../src/core/orchestration/orchestration-state';
import {
  applyRunDelta,
  countStatuses,
  diffRunViews,
  isEmptyRunDelta,
  RunDeltaSchema,
  toRunView,
} from '../../../src/core/run-status';

function state(patch: Partial<OrchestrationState> = {}): OrchestrationState {
  return {
    workflowType: 'PackageBuilder',
    phase: 'building',
    totals: { packages: 8, completed: 2, failed: 1, blocked: 1, active: 2, queued: 1, pending: 1 },
    completed: [
      { name: 'a', durationMs: 120, childWorkflowId: 'w/a#1' },
      { name: 'seeded', durationMs: 90, childWorkflowId: '' },
    ],
    active: [
      { name: 'b', startedAt: '2026-01-01T00:00:01.000Z', childWorkflowId: 'w/b#1', attempt: 1 },
      { name: 'c', startedAt: '2026-01-01T00:00:02.000Z', childWorkflowId: 'w/c#2', attempt: 2 },
    ],
    failed: [{ name: 'd', error: 'boom', childWorkflowId: 'w/d#1' }],
    blocked: [{ name: 'e', blockedBy: 'd' }],
    queue: ['f'],
    concurrency: { now: 2, max: 2 },
    eta: { estimatedDurationsMs: { a: 100, b: 200, g: 300 }, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 10_000 },
    startedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

describe('toRunView', () => {
  it('gives every package one status, pending ones included', () => {
    const view = toRunView(state(), { names: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'seeded'] });
    const statuses = Object.fromEntries(Object.entries(view.packages).map(([n, p]) => [n, p.status]));
    expect(statuses).toEqual({
      a: 'completed',
      seeded: 'up-to-date',
      b: 'building',
      c: 'building',
      d: 'failed',
      e: 'blocked',
      f: 'waiting-for-slot',
      g: 'pending',
      h: 'pending',
    });
    expect(view.packages.c).toMatchObject({ attempt: 2, childWorkflowId: 'w/c#2' });
    expect(view.packages.e!.blockedBy).toBe('d');
    expect(view.packages.d!.error).toBe('boom');
    expect(view.packages.a).toMatchObject({ durationMs: 120, estimateMs: 100 });
    expect(countStatuses(view).building).toBe(2);
  });

  it('a queued package is ready while a slot is free', () => {
    const view = toRunView(state({ concurrency: { now: 1, max: 2 } }));
    expect(view.packages.f!.status).toBe('ready');
  });

  it('skipped packages (no such script) are skipped; a remediating child is shown as such', () => {
    const view = toRunView(
      state({
        skipped: [{ name: 'docs', durationMs: 3, childWorkflowId: 'w/docs#1' }],
        active: [
          {
            name: 'b',
            startedAt: '2026-01-01T00:00:01.000Z',
            childWorkflowId: 'w/b#1.remediation',
            attempt: 1,
            remediating: true,
          },
        ],
      }),
    );
    expect(view.packages.docs).toEqual({ status: 'skipped', durationMs: 3, childWorkflowId: 'w/docs#1' });
    expect(view.packages.b).toMatchObject({ status: 'building', remediating: true });
    expect(countStatuses(view).skipped).toBe(1);
  });

  it('after the loop, never-started packages are cancelled (the run stopped before them), as after a cancel', () => {
    const finished = toRunView(state({ phase: 'finished', active: [] }), { names: ['h'] });
    expect(finished.packages.h!.status).toBe('cancelled');
    expect(finished.packages.f!.status).toBe('cancelled');
    const cancelled = toRunView(state(), { names: ['h'], closed: 'cancelled' });
    expect(cancelled.packages.b!.status).toBe('cancelled');
    expect(cancelled.packages.h!.status).toBe('cancelled');
    expect(cancelled.packages.a!.status).toBe('completed');
    expect(cancelled.summary.closed).toBe('cancelled');
  });
});

describe('run deltas', () => {
  it('carry only the packages that changed, and apply back to the same view', () => {
    const before = toRunView(state());
    const after = toRunView(
      state({
        active: [{ name: 'c', startedAt: '2026-01-01T00:00:02.000Z', childWorkflowId: 'w/c#2', attempt: 2 }],
        completed: [...state().completed, { name: 'b', durationMs: 300, childWorkflowId: 'w/b#1' }],
        concurrency: { now: 1, max: 2 },
      }),
    );
    const delta = diffRunViews(before, after);
    expect(Object.keys(delta.changed).sort()).toEqual(['b', 'f']); // b completed, f now has a slot
    expect(RunDeltaSchema.parse(delta)).toEqual(delta);
    const applied = applyRunDelta(before, delta);
    expect(applied).toEqual(after);
    // Untouched packages keep their identity: views re-render only what changed.
    expect(applied.packages.a).toBe(before.packages.a);
    expect(isEmptyRunDelta(after, diffRunViews(after, after))).toBe(true);
    expect(isEmptyRunDelta(before, delta)).toBe(false);
  });

  it('the first delta is the whole view; removed packages are listed', () => {
    const view = toRunView(state());
    expect(Object.keys(diffRunViews(undefined, view).changed).sort()).toEqual(
      Object.keys(view.packages).sort(),
    );
    const smaller = { ...view, packages: { ...view.packages } };
    delete smaller.packages.g;
    const delta = diffRunViews(view, smaller);
    expect(delta.removed).toEqual(['g']);
    expect(applyRunDelta(view, delta).packages.g).toBeUndefined();
  });
});
