// Tier: unit (quick). ChildBuilds: the RunMonitor's per-package build spans, folded in batch by
// batch from the parent's history — a start opens a running build, its close ends it, retries are
// separate attempts, events seen again change nothing, other children are ignored; a completed
// child's build time is read from its result payload.
import { describe, expect, it } from 'vitest';
import { ChildBuilds } from '../../../src/main/run-monitor/child-builds';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';

const P = 'pb-1';
const T = 1_700_000_000; // seconds
const ms = (x: number): number => T * 1000 + x;
const time = (x: number): HistoryEventLike['eventTime'] => ({
  seconds: T + Math.floor(x / 1000),
  nanos: (x % 1000) * 1e6,
});
const start = (id: string, x: number): HistoryEventLike => ({
  eventType: EventType.StartChildWorkflowExecutionInitiated,
  eventTime: time(x),
  startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: id },
});
const completed = (id: string, x: number): HistoryEventLike => ({
  eventType: EventType.ChildWorkflowExecutionCompleted,
  eventTime: time(x),
  childWorkflowExecutionCompletedEventAttributes: { workflowExecution: { workflowId: id } },
});
const failed = (id: string, x: number): HistoryEventLike => ({
  eventType: EventType.ChildWorkflowExecutionFailed,
  eventTime: time(x),
  childWorkflowExecutionFailedEventAttributes: { workflowExecution: { workflowId: id } },
});

describe('ChildBuilds', () => {
  it('follows starts and closes batch by batch, attempts apart', () => {
    const builds = new ChildBuilds(P);
    expect(builds.apply([start(`${P}/@acme/db#1`, 0), start('other/x#1', 5)])).toBe(true);
    expect(builds.get().get('@acme/db')).toEqual([{ attempt: 1, startedAtMs: ms(0), outcome: 'running' }]);
    expect(builds.get().has('x')).toBe(false);

    expect(builds.apply([failed(`${P}/@acme/db#1`, 1500), start(`${P}/@acme/db#2`, 1600)])).toBe(true);
    expect(builds.apply([completed(`${P}/@acme/db#2`, 2500)])).toBe(true);
    expect(builds.get().get('@acme/db')).toEqual([
      { attempt: 1, startedAtMs: ms(0), finishedAtMs: ms(1500), outcome: 'failed' },
      { attempt: 2, startedAtMs: ms(1600), finishedAtMs: ms(2500), outcome: 'completed' },
    ]);
  });

  it('changes nothing for events seen again or without builds in them', () => {
    const builds = new ChildBuilds(P);
    builds.apply([start(`${P}/utils#1`, 0), completed(`${P}/utils#1`, 900)]);
    expect(builds.apply([start(`${P}/utils#1`, 0), completed(`${P}/utils#1`, 900)])).toBe(false);
    expect(builds.apply([{ eventType: EventType.WorkflowTaskCompleted, eventTime: time(950) }])).toBe(false);
    expect(builds.get().get('utils')).toEqual([
      { attempt: 1, startedAtMs: ms(0), finishedAtMs: ms(900), outcome: 'completed' },
    ]);
  });

  it('draws a close whose start it never saw from the close, of no length', () => {
    const builds = new ChildBuilds(P);
    builds.apply([completed(`${P}/web#1`, 3000)]);
    expect(builds.get().get('web')).toEqual([
      { attempt: 1, startedAtMs: ms(3000), finishedAtMs: ms(3000), outcome: 'completed' },
    ]);
  });

  it("reads a completed child's build time from its result payload", () => {
    const builds = new ChildBuilds(P);
    const withResult = (id: string, result: string): HistoryEventLike =>
      ({
        ...completed(id, 900),
        childWorkflowExecutionCompletedEventAttributes: {
          workflowExecution: { workflowId: id },
          result: { payloads: [{ data: Buffer.from(result) }] },
        },
      }) as HistoryEventLike;
    builds.apply([
      start(`${P}/core#1`, 0),
      withResult(`${P}/core#1`, JSON.stringify({ build: { packageName: 'core', durationMs: 812 } })),
      withResult(`${P}/ui#1`, 'not json'),
      withResult(`${P}/docs#1`, JSON.stringify({ build: { skipped: true } })),
    ]);
    expect(builds.buildMs(`${P}/core#1`)).toBe(812);
    expect(builds.buildMs(`${P}/ui#1`)).toBeUndefined();
    expect(builds.buildMs(`${P}/docs#1`)).toBeUndefined();
    expect(builds.buildMs(`${P}/nothing#1`)).toBeUndefined();
  });
});
