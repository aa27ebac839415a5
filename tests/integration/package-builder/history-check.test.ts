// The exactly-N checker must catch violations, or the history tests would prove nothing. Synthetic
// histories, no server.
import { describe, expect, it } from 'vitest';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { checkExactlyN } from './history-check';

const P = 'parent';
const wftDone = (): HistoryEventLike[] => [
  { eventType: EventType.WorkflowTaskScheduled },
  { eventType: EventType.WorkflowTaskStarted },
  { eventType: EventType.WorkflowTaskCompleted },
];
const start = (pkg: string, attempt = 1): HistoryEventLike => ({
  eventType: EventType.StartChildWorkflowExecutionInitiated,
  startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: `${P}/${pkg}#${attempt}` },
});
const done = (pkg: string, attempt = 1): HistoryEventLike => ({
  eventType: EventType.ChildWorkflowExecutionCompleted,
  childWorkflowExecutionCompletedEventAttributes: {
    workflowExecution: { workflowId: `${P}/${pkg}#${attempt}` },
  },
});
const fail = (pkg: string, attempt = 1): HistoryEventLike => ({
  eventType: EventType.ChildWorkflowExecutionFailed,
  childWorkflowExecutionFailedEventAttributes: {
    workflowExecution: { workflowId: `${P}/${pkg}#${attempt}` },
  },
});
const completed: HistoryEventLike = { eventType: EventType.WorkflowExecutionCompleted };
const continued: HistoryEventLike = { eventType: EventType.WorkflowExecutionContinuedAsNew };

const flat = ['a', 'b', 'c'].map((name) => ({ name }));

describe('checkExactlyN', () => {
  it('accepts a loop that keeps min(N, eligible) children in flight', () => {
    const events = [
      { eventType: EventType.WorkflowExecutionStarted },
      ...wftDone(),
      start('a'),
      start('b'),
      done('a'),
      ...wftDone(),
      start('c'),
      done('b'),
      done('c'),
      ...wftDone(),
      completed,
    ];
    const report = checkExactlyN(P, [{ events }], flat, 2);
    expect(report.violations).toEqual([]);
    expect(report.checkpoints).toBe(2);
    expect(report.maxInFlight).toBe(2);
    expect(report.completed).toEqual(['a', 'b', 'c']);
  });

  it('flags a workflow task that leaves a slot free while a package is ready', () => {
    const events = [
      ...wftDone(),
      start('a'),
      done('a'),
      ...wftDone(),
      start('b'),
      done('b'),
      ...wftDone(),
      start('c'),
      done('c'),
      ...wftDone(),
      completed,
    ];
    const report = checkExactlyN(P, [{ events }], flat, 2);
    expect(report.violations[0]).toMatch(/1 in flight, expected min\(2, 3\) = 2/);
  });

  it('flags more than N in flight, and dependencies started too early', () => {
    const over = checkExactlyN(
      P,
      [
        {
          events: [
            ...wftDone(),
            start('a'),
            start('b'),
            start('c'),
            done('a'),
            done('b'),
            done('c'),
            ...wftDone(),
            completed,
          ],
        },
      ],
      flat,
      2,
    );
    expect(over.violations[0]).toMatch(/3 in flight, expected min\(2, 3\) = 2/);
    const chain = [{ name: 'lib' }, { name: 'app', dependencies: ['lib'] }];
    const early = checkExactlyN(
      P,
      [
        {
          events: [
            ...wftDone(),
            start('lib'),
            start('app'),
            done('lib'),
            done('app'),
            ...wftDone(),
            completed,
          ],
        },
      ],
      chain,
      2,
    );
    expect(early.violations[0]).toMatch(/2 in flight, expected min\(2, 1\) = 1/);
  });

  it('a failed package is finished and its dependents are not eligible', () => {
    const chain = [{ name: 'lib' }, { name: 'app', dependencies: ['lib'] }, { name: 'other' }];
    const events = [
      ...wftDone(),
      start('lib'),
      start('other'),
      fail('lib'),
      ...wftDone(),
      done('other'),
      ...wftDone(),
      completed,
    ];
    expect(checkExactlyN(P, [{ events }], chain, 2).violations).toEqual([]);
  });

  it('exempts the drain of a continue-as-new (after its last start), but not abandoned children', () => {
    const drain = [
      ...wftDone(),
      start('a'),
      start('b'),
      done('a'),
      ...wftDone(),
      done('b'),
      ...wftDone(),
      continued,
    ];
    const next = [...wftDone(), start('c'), done('c'), ...wftDone(), completed];
    const ok = checkExactlyN(P, [{ events: drain }, { events: next }], flat, 2);
    expect(ok.violations).toEqual([]);
    expect(ok.drainCheckpoints).toBe(2);
    expect(ok.startsPerRun).toEqual([2, 1]);

    // A slot left free and filled later is no drain: the drain only begins after the last start.
    const lateFill = [
      ...wftDone(),
      start('a'),
      done('a'),
      ...wftDone(),
      start('b'),
      done('b'),
      ...wftDone(),
      continued,
    ];
    expect(checkExactlyN(P, [{ events: lateFill }, { events: next }], flat, 2).violations[0]).toMatch(
      /1 in flight, expected min\(2, 3\) = 2/,
    );

    const abandoned = checkExactlyN(
      P,
      [
        { events: [...wftDone(), start('a'), start('b'), done('a'), ...wftDone(), continued] },
        { events: next },
      ],
      flat,
      2,
    );
    expect(abandoned.violations).toContainEqual(expect.stringMatching(/ended with 1 children still open/));
  });
});
