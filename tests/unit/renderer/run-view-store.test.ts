import { describe, expect, it } from 'vitest';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import type { Channel, EventName } from '../../../src/core/ipc/channels';
import type { RunRecord, RunSnapshot } from '../../../src/core/ipc/contract';
import { ok, type IpcResult } from '../../../src/core/ipc/result';
import type { PackageView, RunSummary } from '../../../src/core/run-status';
import { createRunViewStore } from '../../../src/renderer/src/stores/run-view-store';

/** A fake API answering each channel from a table; events are emitted by the test. */
function fakeApi(answers: Partial<Record<Channel, () => unknown>>) {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const asked: Channel[] = [];
  const api = {
    invoke: async (channel: Channel): Promise<IpcResult<unknown>> => {
      asked.push(channel);
      return ok(answers[channel]!());
    },
    on: (event: EventName, listener: (p: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as WorkflowBuilderApi;
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, emit, asked };
}

const summary: RunSummary = {
  workflowType: 'PackageBuilder',
  phase: 'building',
  totals: { packages: 2, completed: 0, failed: 0, blocked: 0, active: 1, queued: 0, pending: 1 },
  concurrency: { now: 1, max: 1 },
  startedAt: '2026-01-01T00:00:00.000Z',
  queue: [],
  generation: 0,
};
const record: RunRecord = {
  workflowId: 'w',
  runId: 'r',
  definitionId: 'd',
  definitionVersion: 1,
  workflowType: 'PackageBuilder',
  taskQueue: 'q',
  status: 'running',
  startedAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
};
const building: PackageView = { status: 'building', attempt: 1 };
const done: PackageView = { status: 'completed', durationMs: 5 };
const delta = (seq: number, changed: Record<string, PackageView>, workflowId = 'w') => ({
  workflowId,
  runId: 'r',
  seq,
  delta: { summary, changed },
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('run view store', () => {
  it('starts from a snapshot, applies the next deltas, and asks again after a gap', async () => {
    let snapshot: RunSnapshot = {
      workflowId: 'w',
      runId: 'r',
      seq: 3,
      view: { summary, packages: { a: building, b: { status: 'pending' } } },
      live: true,
    };
    const { api, emit, asked } = fakeApi({
      'runs.get': () => record,
      'runs.graph': () => ({
        source: 'definition',
        packages: [
          { name: 'a', dependencies: [] },
          { name: 'b', dependencies: ['a'] },
        ],
      }),
      'runs.snapshot': () => snapshot,
    });
    const store = createRunViewStore(api, 'w');
    const stop = store.getState().start();
    await settle();
    await settle();
    expect(store.getState()).toMatchObject({ status: 'ready', seq: 3 });
    const before = store.getState().view!;

    emit('runs.state', delta(3, { a: done })); // already in the snapshot: ignored
    expect(store.getState().view).toBe(before);
    emit('runs.state', delta(4, { a: done }, 'other')); // another run's
    expect(store.getState().seq).toBe(3);
    emit('runs.state', delta(4, { a: done }));
    expect(store.getState().seq).toBe(4);
    expect(store.getState().view!.packages.a).toEqual(done);
    expect(store.getState().view!.packages.b).toBe(before.packages.b); // untouched: same object

    // Delta 5 was lost: 6 makes the store ask for a snapshot, not apply 6 on a stale view.
    snapshot = { ...snapshot, seq: 6, view: { summary, packages: { a: done, b: done } } };
    emit('runs.state', delta(6, { b: done }));
    await settle();
    await settle();
    expect(store.getState().resyncs).toBe(1);
    expect(asked.filter((c) => c === 'runs.snapshot')).toHaveLength(2);
    expect(store.getState()).toMatchObject({ seq: 6 });
    expect(store.getState().view!.packages.b).toEqual(done);
    stop();
  });
});

describe('a run whose workflow builds no packages', () => {
  it('is shown by its record alone: no snapshot is asked for, and a resync only re-reads the record', async () => {
    const { api, asked } = fakeApi({
      'runs.get': () => ({ ...record, workflowType: 'Greeting_v1', status: 'completed' }),
      'runs.graph': () => ({ source: 'none', packages: [] }),
      'runs.snapshot': () => {
        throw new Error('a run without packages has no snapshot');
      },
    });
    const store = createRunViewStore(api, 'w');
    store.getState().start();
    await settle();
    await settle();
    expect(store.getState().status).toBe('no-packages');
    expect(store.getState().error).toBeNull();
    await store.getState().resync();
    expect(asked).not.toContain('runs.snapshot');
    expect(store.getState().status).toBe('no-packages');
  });
});

describe('a run page opened before the run can answer its state query', () => {
  it('shows the error, then loads again on the first update instead of staying in error', async () => {
    let workerUp = false;
    const { api, emit } = fakeApi({
      'runs.get': () => record,
      'runs.graph': () => ({ source: 'definition', packages: [{ name: 'a', dependencies: [] }] }),
      'runs.snapshot': () => {
        if (!workerUp) throw new Error('Failed to query Workflow');
        return {
          workflowId: 'w',
          runId: 'r',
          seq: 2,
          view: { summary, packages: { a: building } },
          live: true,
        };
      },
    });
    const store = createRunViewStore(api, 'w');
    const stop = store.getState().start();
    await settle();
    await settle();
    expect(store.getState().status).toBe('error');
    workerUp = true;
    emit('runs.state', delta(1, { a: building }));
    await settle();
    await settle();
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, seq: 2 });
    expect(store.getState().view!.packages.a).toEqual(building);
    stop();
  });
});

describe('a run that closes while the page is still loading', () => {
  it('keeps the closed record when a reply read before the close arrives after it', async () => {
    // runs.get is answered late (its describe() was in flight when the run closed): the page
    // must not go back to "Running" after runs.changed said "completed" (build-monorepo E2E).
    let answerGet!: (r: RunRecord) => void;
    const lateGet = new Promise<RunRecord>((resolve) => (answerGet = resolve));
    const { api, emit } = fakeApi({
      'runs.get': () => lateGet,
      'runs.graph': () => ({ source: 'definition', packages: [{ name: 'a', dependencies: [] }] }),
      'runs.snapshot': () => ({
        workflowId: 'w',
        runId: 'r',
        seq: 1,
        view: { summary, packages: { a: done } },
        live: false,
      }),
    });
    const store = createRunViewStore(api, 'w');
    const stop = store.getState().start();
    const closed: RunRecord = { ...record, status: 'completed', closedAt: '2026-01-01T00:00:02.000Z' };
    emit('runs.changed', closed);
    answerGet(record); // read while still running
    await settle();
    await settle();
    expect(store.getState().record).toEqual(closed);
    // A new run id (continue-as-new, a retry's new run) is not stale: it replaces the record.
    emit('runs.changed', { ...record, runId: 'r2' });
    expect(store.getState().record!.runId).toBe('r2');
    stop();
  });
});
