/**
 * Quick tier (unit). Proves the run graph's node state hub wakes only the boxes whose state
 * changed: a delta touching one package notifies that package's box alone, a critical-path or
 * selection change only the boxes it concerns, and a box's state object stays the same until it
 * changes (as useSyncExternalStore needs).
 */
import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { applyRunDelta, type RunView } from '../../../src/core/run-status';
import { statusOf } from '../../../src/renderer/src/lib/run-graph-model';
import {
  createNodeStateHub,
  type RunSide,
  type UiSide,
} from '../../../src/renderer/src/components/run-graph/node-state-hub';

const summary: RunView['summary'] = {
  workflowType: 'T',
  phase: 'building',
  totals: { packages: 3, completed: 0, failed: 0, blocked: 0, active: 1, queued: 0, pending: 2 },
  concurrency: { now: 1, max: 2 },
  startedAt: '2026-01-01T00:00:00.000Z',
  queue: [],
  generation: 0,
};

function setup() {
  const view: RunView = {
    summary,
    packages: { a: { status: 'building', attempt: 1 }, b: { status: 'pending' }, c: { status: 'pending' } },
  };
  const run = createStore<RunSide>()(() => ({ view, selected: null }));
  const ui = createStore<UiSide>()(() => ({
    critical: new Set<string>(),
    focus: null,
    matches: null,
    hideCompleted: false,
  }));
  const hub = createNodeStateHub(run, ui);
  const calls = { a: vi.fn(), b: vi.fn(), c: vi.fn() };
  for (const name of ['a', 'b', 'c'] as const) {
    hub.get(name);
    hub.subscribe(name, calls[name]);
  }
  return { run, ui, hub, calls };
}

describe('node state hub', () => {
  it('notifies only the package a delta changed', () => {
    const { run, hub, calls } = setup();
    const before = { b: hub.get('b'), c: hub.get('c') };
    const view = applyRunDelta(run.getState().view!, {
      summary,
      changed: { a: { status: 'completed', durationMs: 1500 } },
    });
    run.setState({ view });
    expect(calls.a).toHaveBeenCalledTimes(1);
    expect(calls.b).not.toHaveBeenCalled();
    expect(calls.c).not.toHaveBeenCalled();
    expect(hub.get('a')).toMatchObject({ status: 'completed', detail: '1.5 s' });
    expect(hub.get('b')).toBe(before.b);
    expect(hub.get('c')).toBe(before.c);
  });

  it('notifies only the boxes a critical path or selection change concerns', () => {
    const { run, ui, hub, calls } = setup();
    ui.setState({ critical: new Set(['b']) });
    expect(calls.b).toHaveBeenCalledTimes(1);
    expect(calls.a).not.toHaveBeenCalled();
    expect(hub.get('b').critical).toBe(true);
    run.setState({ selected: 'c' });
    expect(calls.c).toHaveBeenCalledTimes(1);
    expect(calls.a).not.toHaveBeenCalled();
    expect(hub.get('c').selected).toBe(true);
  });

  it('recomputes only the packages that joined or left the critical path', () => {
    const { run, ui, hub } = setup();
    ui.setState({ critical: new Set(['a']) });
    const before = hub.get('c');
    // Changed behind the hub's back: a recompute of c would show it; only a and b may be recomputed.
    run.getState().view!.packages.c = { status: 'building' };
    ui.setState({ critical: new Set(['b']) });
    expect(hub.get('a').critical).toBe(false);
    expect(hub.get('b').critical).toBe(true);
    expect(hub.get('c')).toBe(before);
    expect(hub.get('c').status).toBe('pending');
  });

  it('re-derives absent packages when the run finishes (pending no more)', () => {
    const { run, hub, calls } = setup();
    const packages = { a: { status: 'completed' as const } };
    const finished = { summary: { ...summary, phase: 'finished' as const }, packages };
    run.setState({ view: finished });
    expect(hub.get('b').status).not.toBe('pending');
    expect(hub.get('b').status).toBe(statusOf(finished, 'b'));
    expect(calls.b).toHaveBeenCalledTimes(1);
  });

  it('stops listening to the stores when the last box unsubscribes', () => {
    const run = createStore<RunSide>()(() => ({ view: null, selected: null }));
    const ui = createStore<UiSide>()(() => ({
      critical: new Set<string>(),
      focus: null,
      matches: null,
      hideCompleted: false,
    }));
    const hub = createNodeStateHub(run, ui);
    const off = hub.subscribe('a', () => undefined);
    const spy = vi.spyOn(ui, 'getState');
    off();
    ui.setState({ hideCompleted: true });
    expect(spy).not.toHaveBeenCalled();
  });
});
