// Tier: unit (quick). The RunMonitor paces its state queries (minQueryIntervalMs): a busy run gets
// at most one query per interval, each answering every event since the last; the batch that closes
// the run is queried at once. Driven by a scripted history (events at set times, a long poll that
// returns what has happened, as the server's does) instead of a server, so the times are exact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/ipc/event-bus';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { RunMonitor } from '../../../src/main/run-monitor/run-monitor';
import { openStore, type Store } from '../../../src/main/store';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The gRPC error a call past its deadline fails with (what Connection.withDeadline gives). */
function deadlineExceeded(): Error {
  return Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), {
    code: 4,
    details: 'Deadline exceeded',
    metadata: {},
  });
}

/**
 * A history whose events happen at `at` ms after `t0`. Like the server's, the long poll returns the
 * events after its page token that have happened, or waits for the next one; a call past its
 * deadline fails and reads nothing.
 */
function scriptedClient(script: Array<{ at: number; type: number }>, queries: number[]): Client {
  const t0 = Date.now();
  const event = (i: number): HistoryEventLike =>
    ({
      eventId: i + 1,
      eventType: script[i]!.type,
      eventTime: {
        seconds: Math.floor((t0 + script[i]!.at) / 1000),
        nanos: ((t0 + script[i]!.at) % 1000) * 1e6,
      },
    }) as HistoryEventLike;
  let deadline: number | undefined;
  return {
    options: { namespace: 'default' },
    connection: {
      withAbortSignal: <T>(_signal: AbortSignal, fn: () => Promise<T>) => fn(),
      withDeadline: async <T>(at: number, fn: () => Promise<T>) => {
        deadline = at;
        try {
          return await fn();
        } finally {
          deadline = undefined;
        }
      },
    },
    workflowService: {
      getWorkflowExecutionHistory: async (request: { nextPageToken?: Uint8Array }) => {
        const from = request.nextPageToken?.length ? request.nextPageToken[0]! : 0;
        const until = deadline;
        if (from >= script.length) return new Promise(() => undefined);
        const wait = t0 + script[from]!.at - Date.now();
        if (until !== undefined && Date.now() + Math.max(0, wait) > until) {
          await sleep(Math.max(0, until - Date.now()));
          throw deadlineExceeded();
        }
        if (wait > 0) await sleep(wait);
        let read = from;
        const events: HistoryEventLike[] = [];
        while (read < script.length && t0 + script[read]!.at <= Date.now()) events.push(event(read++));
        return {
          history: { events },
          nextPageToken: read < script.length ? new Uint8Array([read]) : new Uint8Array(),
        };
      },
    },
    workflow: {
      getHandle: () => ({
        query: async () => {
          queries.push(Date.now() - t0);
          await sleep(5);
          return {}; // not a package loop's state: nothing to publish, only the timing counts
        },
      }),
    },
  } as unknown as Client;
}

/** A busy run: a state-changing event every 40 ms for 1.2 s, then the close at 1.25 s. */
const BUSY = [
  { at: 0, type: EventType.WorkflowExecutionStarted },
  ...Array.from({ length: 30 }, (_, i) => ({ at: 40 * (i + 1), type: EventType.TimerFired })),
  { at: 1250, type: EventType.WorkflowExecutionCompleted },
];

/** The run record the monitor follows (no store row needed: the close is upserted). */
function runRecord(): Parameters<RunMonitor['follow']>[0] {
  return {
    workflowId: 'run-1',
    runId: 'r1',
    definitionId: 'd',
    definitionVersion: 1,
    workflowType: 'W',
    taskQueue: 'q',
    status: 'running',
    startedAt: new Date().toISOString(),
  } as Parameters<RunMonitor['follow']>[0];
}

describe('RunMonitor query pacing', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  /** A store in a temporary folder, removed after the test. */
  function tempStore(): Store {
    const dir = mkdtempSync(join(tmpdir(), 'wb-pacing-'));
    const store = openStore(join(dir, 'store.db'));
    cleanup.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  }

  /** Follows `script` to its close; returns when each query was asked (ms after the first event). */
  async function follow(minQueryIntervalMs: number, script = BUSY): Promise<number[]> {
    const queries: number[] = [];
    const client = scriptedClient(script, queries);
    const monitor = new RunMonitor({
      store: tempStore(),
      client: async () => client,
      bus: new EventBus(),
      minQueryIntervalMs,
    });
    monitor.follow(runRecord());
    await monitor.settled('run-1');
    await monitor.close();
    return queries;
  }

  it('asks at most once per interval while events keep coming, and at once for the closing batch', async () => {
    const paced = await follow(300);
    // 1.25 s of events at one query per 300 ms: the first at once, then one every 300 ms (each
    // answering the events since the last), then the close.
    expect(paced.length).toBeGreaterThanOrEqual(4);
    expect(paced.length).toBeLessThanOrEqual(6);
    const gaps = paced.slice(1).map((t, i) => t - paced[i]!);
    for (const gap of gaps.slice(0, -1)) {
      expect(gap).toBeGreaterThanOrEqual(295);
      expect(gap).toBeLessThan(300 + 250); // an owed query waits for its time, not for more events (slack: a loaded CI)
    }
    // The close (at 1,250 ms) is not held back for the interval.
    expect(paced.at(-1)!).toBeGreaterThanOrEqual(1250);
    expect(paced.at(-1)!).toBeLessThan(1250 + 250);
  });

  it('without pacing asks after every batch (the behaviour before the interval)', async () => {
    const unpaced = await follow(0);
    expect(unpaced.length).toBeGreaterThan(15);
  });

  it('a query owed for the last events before a quiet spell is asked when due, not at the next event', async () => {
    // Two events 50 ms apart, then nothing until the close 2 s later.
    const queries = await follow(300, [
      { at: 0, type: EventType.WorkflowExecutionStarted },
      { at: 50, type: EventType.TimerFired },
      { at: 2000, type: EventType.WorkflowExecutionCompleted },
    ]);
    expect(queries).toHaveLength(3);
    expect(queries[1]!).toBeGreaterThanOrEqual(295);
    expect(queries[1]!).toBeLessThan(300 + 250);
    expect(queries[2]!).toBeGreaterThanOrEqual(2000);
  });
});
