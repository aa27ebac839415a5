import { describe, expect, it } from 'vitest';
import { RunRecordSchema, type RunRecord } from '../../../src/core/ipc/contract';
import { open, sampleDefinition, thrown } from './helpers';

function run(n: number, over: Partial<RunRecord> = {}): RunRecord {
  return {
    workflowId: `wf-${n}`,
    runId: `run-${n}`,
    definitionId: 'def-a',
    definitionVersion: 1,
    workflowType: 'generatedWorkflow',
    taskQueue: 'wb',
    status: 'running',
    startedAt: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
    closedAt: null,
    ...over,
  };
}

describe('runs', () => {
  it('says why a closed run did not complete: `failure`, from the reason the monitor kept in its summary', () => {
    const store = open();
    store.runs.upsert(run(7));
    const why = 'Dependency graph "graph": Dependency cycle: a → b → a';
    const failed = store.runs.markClosed('wf-7', { status: 'failed', summary: { error: why } });
    expect(failed.failure).toBe(why);
    expect(store.runs.get('wf-7').failure).toBe(why);
    expect(RunRecordSchema.parse(failed)).toEqual(failed);
    store.runs.upsert(run(8));
    expect(store.runs.markClosed('wf-8', { status: 'completed', summary: { totals: {} } }).failure).toBeUndefined();
  });

  it('upserts on status change and reads back the contract shape', () => {
    const store = open();
    const started = store.runs.upsert(run(1));
    expect(RunRecordSchema.parse(started)).toEqual(started);
    expect(started).toEqual(run(1));

    const done = store.runs.upsert(
      run(1, { status: 'completed', closedAt: '2025-01-01T01:00:00.000Z', summary: { packages: 3 } }),
    );
    expect(done).toMatchObject({
      status: 'completed',
      closedAt: '2025-01-01T01:00:00.000Z',
      summary: { packages: 3 },
    });
    expect(store.runs.get('wf-1')).toEqual(done);
    expect(store.runs.list()).toHaveLength(1);

    // A stale 'running' update arriving late does not reopen a closed run.
    expect(store.runs.upsert(run(1))).toMatchObject({
      status: 'completed',
      closedAt: '2025-01-01T01:00:00.000Z',
      summary: { packages: 3 },
    });
  });

  it('lists newest first, filtered by definition and status, with a limit', () => {
    const store = open();
    for (const n of [3, 1, 4, 2, 5])
      store.runs.upsert(run(n, { definitionId: n % 2 === 0 ? 'def-b' : 'def-a' }));

    expect(store.runs.list().map((r) => r.workflowId)).toEqual(['wf-5', 'wf-4', 'wf-3', 'wf-2', 'wf-1']);
    expect(store.runs.list({ limit: 2 }).map((r) => r.workflowId)).toEqual(['wf-5', 'wf-4']);
    expect(store.runs.list({ definitionId: 'def-a' }).map((r) => r.workflowId)).toEqual([
      'wf-5',
      'wf-3',
      'wf-1',
    ]);
    expect(store.runs.list({ definitionId: 'def-b', limit: 1 }).map((r) => r.workflowId)).toEqual(['wf-4']);
    store.runs.markClosed('wf-4', { status: 'failed' });
    expect(store.runs.list({ status: 'running' }).map((r) => r.workflowId)).toEqual([
      'wf-5',
      'wf-3',
      'wf-2',
      'wf-1',
    ]);
    expect(thrown(() => store.runs.list({ limit: 0 }))).toMatchObject({ code: 'INVALID', path: 'limit' });
  });

  it('orders by instant even when timestamps come with offsets', () => {
    const store = open();
    store.runs.upsert(run(1, { startedAt: '2025-01-01T10:00:00+02:00' })); // 08:00Z
    store.runs.upsert(run(2, { startedAt: '2025-01-01T09:00:00Z' }));
    expect(store.runs.list().map((r) => [r.workflowId, r.startedAt])).toEqual([
      ['wf-2', '2025-01-01T09:00:00.000Z'],
      ['wf-1', '2025-01-01T08:00:00.000Z'],
    ]);
    expect(thrown(() => store.runs.upsert(run(3, { startedAt: 'yesterday' })))).toMatchObject({
      code: 'INVALID',
      path: 'startedAt',
    });
  });

  it('marks runs closed, keeps continued-as-new runs apart, and answers NOT_FOUND', () => {
    const store = open();
    store.runs.upsert(run(1));
    store.runs.markClosed('wf-1', { status: 'continued_as_new', closedAt: '2025-01-01T00:30:00Z' });
    store.runs.upsert(run(1, { runId: 'run-1b', startedAt: '2025-01-01T00:30:00.000Z' }));

    expect(store.runs.get('wf-1').runId).toBe('run-1b');
    expect(store.runs.get('wf-1', 'run-1')).toMatchObject({
      status: 'continued_as_new',
      closedAt: '2025-01-01T00:30:00.000Z',
    });
    const closed = store.runs.markClosed('wf-1', { status: 'cancelled', summary: 'stopped by user' });
    expect(closed).toMatchObject({ runId: 'run-1b', status: 'cancelled', summary: 'stopped by user' });
    expect(closed.closedAt).not.toBeNull();
    expect(thrown(() => store.runs.get('nope'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(store.runs.find('nope')).toBeUndefined();
    expect(thrown(() => store.runs.markClosed('nope', { status: 'failed' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("keeps a deleted definition's runs listed", () => {
    const store = open();
    const def = store.definitions.save({ definition: sampleDefinition() });
    store.runs.upsert(run(1, { definitionId: def.id }));
    store.definitions.delete(def.id);
    expect(store.runs.list({ definitionId: def.id }).map((r) => r.workflowId)).toEqual(['wf-1']);
    expect(store.runs.get('wf-1').definitionId).toBe(def.id);
  });
});
