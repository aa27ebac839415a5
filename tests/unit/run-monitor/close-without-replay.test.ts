/**
 * Quick tier. Proves when the RunMonitor asks a closed run's state (issue 12, fifth pass): a closed
 * workflow has left the worker's cache, so a query replays its whole history. After a close the
 * monitor asks nothing when its last answer already showed the package loop finished and only a
 * report activity's end came since; it still asks when a child event came with the close, or when
 * the loop was not finished. The history arrives in scripted batches from a fake client: this is
 * about which batches cause a query, not about Temporal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { RunMonitor } from '../../../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../../../src/main/store';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Batch = number[];

/** A state as the generated workflow answers it, in `phase`, with `completed` packages. */
function state(phase: 'building' | 'finished', completed: string[]) {
  return {
    workflowType: 'PackageBuilder_v1',
    startedAt: '2026-12-02T00:00:00.000Z',
    phase,
    totals: {
      packages: 2,
      completed: completed.length,
      failed: 0,
      blocked: 0,
      active: 0,
      queued: 0,
      pending: 0,
    },
    completed: completed.map((name) => ({ name, durationMs: 1, childWorkflowId: `pb-1/${name}#1` })),
    active: [],
    failed: [],
    blocked: [],
    queue: [],
    concurrency: { now: 0, max: 2 },
    eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 0 },
  };
}

/** Follows one run whose history comes in `batches`; each query answers the next of `answers`. */
async function follow(batches: Batch[], answers: unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), 'wb-monitor-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'wb.db'));
  stores.push(store);
  let eventId = 0;
  let page = 0;
  let asked = 0;
  const client = {
    options: { namespace: 'default' },
    connection: {
      withAbortSignal: <T>(_signal: AbortSignal, fn: () => Promise<T>) => fn(),
      withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    },
    workflowService: {
      getWorkflowExecutionHistory: async () => {
        const batch = batches[page++] ?? [];
        const events = batch.map((eventType) => ({
          eventId: ++eventId,
          eventType,
          eventTime: { seconds: 1_796_000_000 + eventId, nanos: 0 },
        }));
        return {
          history: { events },
          nextPageToken: page < batches.length ? new Uint8Array([page]) : undefined,
        };
      },
    },
    workflow: {
      getHandle: () => ({
        query: async () => answers[asked++],
      }),
    },
  } as unknown as Client;
  const record = store.runs.upsert({
    workflowId: 'pb-1',
    runId: 'r1',
    definitionId: null,
    definitionVersion: null,
    workflowType: 'PackageBuilder_v1',
    taskQueue: 'q',
    status: 'running',
    startedAt: '2026-12-02T00:00:00.000Z',
    closedAt: null,
  });
  const monitor = new RunMonitor({ store, client: async () => client, bus: new EventBus() });
  monitor.follow(record);
  await monitor.settled('pb-1');
  return { monitor, stats: monitor.stats('pb-1') };
}

const E = EventType;
const START: Batch = [
  E.WorkflowExecutionStarted,
  E.WorkflowTaskScheduled,
  E.WorkflowTaskStarted,
  E.WorkflowTaskCompleted,
];
const LAST_CHILD_CLOSED: Batch = [E.ChildWorkflowExecutionCompleted, E.WorkflowTaskScheduled];
const REPORT: Batch = [E.WorkflowTaskStarted, E.WorkflowTaskCompleted, E.ActivityTaskScheduled];
const CLOSE: Batch = [E.WorkflowTaskCompleted, E.WorkflowExecutionCompleted];

describe('RunMonitor: the state of a closed run', () => {
  it('asks nothing after the close when the last answer showed the loop finished', async () => {
    const { stats, monitor } = await follow(
      [
        START,
        LAST_CHILD_CLOSED,
        REPORT,
        [E.ActivityTaskCompleted, E.WorkflowTaskScheduled, E.WorkflowTaskStarted, ...CLOSE],
      ],
      [state('building', ['a']), state('finished', ['a', 'b'])],
    );
    expect(stats.queries).toBe(2); // the start and the last child's close; not the close
    expect(stats.replays).toBe(0);
    expect(monitor.lastState('pb-1')?.completed.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('asks after the close when a child event came with it (the last answer may be stale)', async () => {
    const { stats, monitor } = await follow(
      [START, [...LAST_CHILD_CLOSED, E.WorkflowTaskStarted, ...CLOSE]],
      [state('building', ['a']), state('finished', ['a', 'b'])],
    );
    expect(stats.queries).toBe(2);
    expect(stats.replays).toBe(1);
    expect(monitor.lastState('pb-1')?.completed.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('asks after the close when the last answer showed the loop still building', async () => {
    const { stats } = await follow(
      [START, LAST_CHILD_CLOSED, CLOSE],
      [state('building', ['a']), state('building', ['a']), state('finished', ['a', 'b'])],
    );
    expect(stats.replays).toBe(1);
  });
});
