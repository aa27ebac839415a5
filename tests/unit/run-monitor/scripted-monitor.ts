/**
 * A RunMonitor following one run (`pb-1`) whose parent history arrives in scripted batches from a
 * fake client, each query answering the next scripted state: for tests about which batches cause
 * a query, not about Temporal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterEach } from 'vitest';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { RunMonitor } from '../../../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../../../src/main/store';

/** An event type alone, or an event with its attributes (its id and time are filled in). */
export type ScriptedEvent = number | Omit<HistoryEventLike, 'eventId' | 'eventTime'>;
export type Batch = ScriptedEvent[];

/** The run's start and its first workflow task, as one batch. */
export const START: Batch = [
  EventType.WorkflowExecutionStarted,
  EventType.WorkflowTaskScheduled,
  EventType.WorkflowTaskStarted,
  EventType.WorkflowTaskCompleted,
];

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The id PackageBuilder gives the first build child of `name` in run `pb-1`. */
export const childId = (name: string): string => `pb-1/${name}#1`;

/** A state as the generated workflow answers it, in `phase`, with `completed` and `active` packages. */
export function state(phase: 'building' | 'finished', completed: string[], active: string[] = []) {
  return {
    workflowType: 'PackageBuilder_v1',
    startedAt: '2026-12-02T00:00:00.000Z',
    phase,
    totals: {
      packages: 2,
      completed: completed.length,
      failed: 0,
      blocked: 0,
      active: active.length,
      queued: 0,
      pending: 0,
    },
    completed: completed.map((name) => ({ name, durationMs: 1, childWorkflowId: childId(name) })),
    active: active.map((name) => ({
      name,
      startedAt: '2026-12-02T00:00:01.000Z',
      childWorkflowId: childId(name),
      attempt: 1,
    })),
    failed: [],
    blocked: [],
    queue: [],
    concurrency: { now: active.length, max: 2 },
    eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 0 },
  };
}

/** Follows run `pb-1` whose history comes in `batches`; each query answers the next of `answers`. */
export async function follow(batches: Batch[], answers: unknown[], askOnListedChildStart = false) {
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
        const events = batch.map((event) => ({
          ...(typeof event === 'number' ? { eventType: event } : event),
          eventId: ++eventId,
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
  const monitor = new RunMonitor({
    store,
    client: async () => client,
    bus: new EventBus(),
    askOnListedChildStart,
  });
  monitor.follow(record);
  await monitor.settled('pb-1');
  return { monitor, stats: monitor.stats('pb-1') };
}
