// Tier: unit (quick). Package attempts read from a parent's history (child start and close events
// with their times), the input the run summary needs for the utilisation's max and p95.
import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../../src/core/graph';
import { attemptsFromHistory } from '../../../src/main/run-monitor/history-attempts';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';

const P = 'pb-1';
const T = 1_700_000_000; // seconds
const time = (ms: number): HistoryEventLike['eventTime'] => ({
  seconds: T + Math.floor(ms / 1000),
  nanos: (ms % 1000) * 1e6,
});
const start = (id: string, ms: number): HistoryEventLike => ({
  eventType: EventType.StartChildWorkflowExecutionInitiated,
  eventTime: time(ms),
  startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: id },
});
const close = (type: number, id: string, ms: number): HistoryEventLike => {
  const attrs = { workflowExecution: { workflowId: id } };
  const key = {
    [EventType.ChildWorkflowExecutionCompleted]: 'childWorkflowExecutionCompletedEventAttributes',
    [EventType.ChildWorkflowExecutionFailed]: 'childWorkflowExecutionFailedEventAttributes',
    [EventType.ChildWorkflowExecutionCanceled]: 'childWorkflowExecutionCanceledEventAttributes',
  }[type]!;
  return { eventType: type, eventTime: time(ms), [key]: attrs };
};

describe('attemptsFromHistory', () => {
  it('pairs each child start with its close across a continue-as-new chain; open children are running', () => {
    const first = [
      start(`${P}/@acme/db#1`, 0),
      start(`${P}/utils#1`, 0),
      close(EventType.ChildWorkflowExecutionFailed, `${P}/@acme/db#1`, 1500),
      start('someone-else/x#1', 100), // not a loop child
      start(`${P}/@acme/db#2`, 1500),
      close(EventType.ChildWorkflowExecutionCompleted, `${P}/utils#1`, 2000),
    ];
    const second = [
      close(EventType.ChildWorkflowExecutionCompleted, `${P}/@acme/db#2`, 2500),
      start(`${P}/web#1`, 2500),
      start(`${P}/docs#1`, 2600),
      close(EventType.ChildWorkflowExecutionCanceled, `${P}/docs#1`, 2700),
    ];
    const attempts = attemptsFromHistory(P, [first, second]);
    const ms = (x: number): number => T * 1000 + x;
    expect(attempts).toEqual([
      { name: '@acme/db', attempt: 1, outcome: 'failed', startedAtMs: ms(0), finishedAtMs: ms(1500) },
      { name: 'utils', attempt: 1, outcome: 'completed', startedAtMs: ms(0), finishedAtMs: ms(2000) },
      { name: '@acme/db', attempt: 2, outcome: 'completed', startedAtMs: ms(1500), finishedAtMs: ms(2500) },
      { name: 'docs', attempt: 1, outcome: 'cancelled', startedAtMs: ms(2600), finishedAtMs: ms(2700) },
      { name: 'web', attempt: 1, outcome: 'running', startedAtMs: ms(2500) },
    ]);

    const summary = summarizeRun({
      packages: [
        { name: '@acme/db' },
        { name: 'utils' },
        { name: 'web', dependencies: ['@acme/db', 'utils'] },
        { name: 'docs' },
      ],
      slots: 2,
      attempts,
      nowMs: ms(3000),
    });
    expect(summary.makespanMs).toBe(3000);
    expect(summary.criticalPath).toEqual({ path: ['@acme/db', 'web'], lengthMs: 3000 });
    // In flight: 2 during 0–2,000 and 2,600–2,700 ms (2,100 ms), 1 for the other 900 ms.
    expect(summary.workMs).toBe(5100);
    expect(summary.utilisation).toEqual({ average: 0.85, max: 1, p95: 1 });
    expect(summary.totals).toMatchObject({ completed: 2, running: 1, cancelled: 1, retries: 1 });
  });

  it('a completed child whose result says it ran nothing is skipped; remediation children are not attempts', () => {
    const json = (value: unknown) => ({ payloads: [{ data: Buffer.from(JSON.stringify(value)) }] });
    const withResult = (id: string, ms: number, result: unknown): HistoryEventLike => ({
      ...close(EventType.ChildWorkflowExecutionCompleted, id, ms),
      childWorkflowExecutionCompletedEventAttributes: {
        workflowExecution: { workflowId: id },
        result: json(result),
      } as HistoryEventLike['childWorkflowExecutionCompletedEventAttributes'],
    });
    const events = [
      start(`${P}/docs#1`, 0),
      start(`${P}/lib#1`, 0),
      withResult(`${P}/docs#1`, 10, { build: { packageName: 'docs', durationMs: 1, skipped: true } }),
      close(EventType.ChildWorkflowExecutionFailed, `${P}/lib#1`, 100),
      start(`${P}/lib#1.remediation`, 100),
      withResult(`${P}/lib#1.remediation`, 150, { build: { packageName: 'lib', durationMs: 40 } }),
      start(`${P}/lib#2`, 150),
      withResult(`${P}/lib#2`, 400, { build: { packageName: 'lib', durationMs: 240 } }),
    ];
    expect(attemptsFromHistory(P, [events]).map((a) => `${a.name}#${a.attempt} ${a.outcome}`)).toEqual([
      'docs#1 skipped',
      'lib#1 failed',
      'lib#2 completed',
    ]);
  });
});
