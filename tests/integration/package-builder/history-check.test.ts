// Tier: quick (synthetic histories, no server). The history checker must catch violations — of
// the exactly-N rule, of dependency order and of a completed package built twice — or the history
// tests would prove nothing.
import { describe, expect, it } from 'vitest';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { checkExactlyN } from './history-check';

const P = 'parent';
const wftDone = (): HistoryEventLike[] => [
  { eventType: EventType.WorkflowTaskScheduled },
  { eventType: EventType.WorkflowTaskStarted },
  { eventType: EventType.WorkflowTaskCompleted },
];
const start = (pkg: string, attempt: number | string = 1): HistoryEventLike => ({
  eventType: EventType.StartChildWorkflowExecutionInitiated,
  startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: `${P}/${pkg}#${attempt}` },
});
const done = (pkg: string, attempt: number | string = 1): HistoryEventLike => ({
  eventType: EventType.ChildWorkflowExecutionCompleted,
  childWorkflowExecutionCompletedEventAttributes: {
    workflowExecution: { workflowId: `${P}/${pkg}#${attempt}` },
  },
});
const fail = (pkg: string, attempt: number | string = 1): HistoryEventLike => ({
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
    expect(early.violations).toEqual([
      'run 0 event 4: "app" started before its dependencies completed: lib (in flight)',
      expect.stringMatching(/2 in flight, expected min\(2, 1\) = 1/),
    ]);
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

  it('flags a child started beside its dependency even when the in-flight count is right', () => {
    // N = 2 and a, b are ready: two children in flight is what the count rule wants, but the
    // run started e (which depends on a) instead of b. Only the dependency-order check sees it.
    const packages = [{ name: 'a' }, { name: 'b' }, { name: 'e', dependencies: ['a'] }];
    const events = [
      ...wftDone(),
      start('a'),
      start('e'),
      done('a'),
      ...wftDone(),
      start('b'),
      done('e'),
      done('b'),
      ...wftDone(),
      completed,
    ];
    const report = checkExactlyN(P, [{ events }], packages, 2);
    expect(report.violations).toEqual([
      'run 0 event 4: "e" started before its dependencies completed: a (in flight)',
    ]);
    expect(report.startsChecked).toBe(3);

    // The same packages in dependency order pass.
    const ordered = [
      ...wftDone(),
      start('a'),
      start('b'),
      done('a'),
      ...wftDone(),
      start('e'),
      done('b'),
      done('e'),
      ...wftDone(),
      completed,
    ];
    expect(checkExactlyN(P, [{ events: ordered }], packages, 2).violations).toEqual([]);
  });

  it('checks dependency order across a continue-as-new chain, after a failure, and with seeded packages', () => {
    const packages = [{ name: 'lib' }, { name: 'app', dependencies: ['lib'] }];
    // lib completed in the first run: app may start in the next.
    const first = [...wftDone(), start('lib'), done('lib'), ...wftDone(), continued];
    const second = [...wftDone(), start('app'), done('app'), ...wftDone(), completed];
    expect(checkExactlyN(P, [{ events: first }, { events: second }], packages, 1).violations).toEqual([]);
    // lib failed: starting app anyway is flagged, naming why.
    const afterFailure = [
      ...wftDone(),
      start('lib'),
      fail('lib'),
      ...wftDone(),
      start('app'),
      done('app'),
      ...wftDone(),
      completed,
    ];
    expect(checkExactlyN(P, [{ events: afterFailure }], packages, 1).violations).toContainEqual(
      expect.stringMatching(/"app" started before its dependencies completed: lib \(failed\)/),
    );
    // A retried run that reused lib's result builds only app.
    expect(checkExactlyN(P, [{ events: second }], packages, 1, { seeded: ['lib'] }).violations).toEqual([]);
    expect(checkExactlyN(P, [{ events: second }], packages, 1).violations[0]).toMatch(
      /"app" started before its dependencies completed: lib \(not started\)/,
    );
  });

  it('flags a completed package built twice: in one run, across a continue-as-new, and after a seed', () => {
    const twice = [
      ...wftDone(),
      start('a'),
      done('a'),
      ...wftDone(),
      start('a', 2),
      done('a', 2),
      ...wftDone(),
      completed,
    ];
    expect(checkExactlyN(P, [{ events: twice }], [{ name: 'a' }], 1).violations).toContainEqual(
      'run 0 event 8: "a" started again (parent/a#2) after it completed: built twice',
    );
    const first = [...wftDone(), start('a'), done('a'), ...wftDone(), continued];
    const again = [...wftDone(), start('a', 2), done('a', 2), ...wftDone(), completed];
    expect(
      checkExactlyN(P, [{ events: first }, { events: again }], [{ name: 'a' }], 1).violations,
    ).toContainEqual(expect.stringMatching(/run 1 event 3: "a" started again .* built twice/));
    expect(
      checkExactlyN(P, [{ events: again }], [{ name: 'a' }], 1, { seeded: ['a'] }).violations,
    ).toContainEqual(expect.stringMatching(/"a" started again .* built twice/));
    // A failed package built again (a retry) is no violation.
    const retried = [
      ...wftDone(),
      start('a'),
      fail('a'),
      ...wftDone(),
      start('a', 2),
      done('a', 2),
      ...wftDone(),
      completed,
    ];
    const report = checkExactlyN(P, [{ events: retried }], [{ name: 'a' }], 1);
    expect(report.violations).toEqual([]);
    expect(report.completed).toEqual(['a']);
  });

  it('a remediation child holds its package slot and does not complete it; the rebuild does', () => {
    const packages = [{ name: 'a' }, { name: 'b' }, { name: 'app', dependencies: ['a'] }];
    const events = [
      ...wftDone(),
      start('a'),
      start('b'),
      fail('a'),
      ...wftDone(),
      start('a', '1.remediation'),
      done('b'),
      ...wftDone(),
      done('a', '1.remediation'),
      ...wftDone(),
      start('a', 2),
      done('a', 2),
      ...wftDone(),
      start('app'),
      done('app'),
      ...wftDone(),
      completed,
    ];
    const report = checkExactlyN(P, [{ events }], packages, 2);
    expect(report.violations).toEqual([]);
    expect(report.remediations).toBe(1);
    expect(report.completed).toEqual(['a', 'app', 'b']);
    // Starting app when only the remediation had completed is flagged.
    const early = [
      ...wftDone(),
      start('a'),
      fail('a'),
      ...wftDone(),
      start('a', '1.remediation'),
      done('a', '1.remediation'),
      ...wftDone(),
      start('app'),
      done('app'),
      ...wftDone(),
      completed,
    ];
    expect(
      checkExactlyN(P, [{ events: early }], packages.slice(0, 1).concat(packages[2]!), 1).violations,
    ).toContainEqual(expect.stringMatching(/"app" started before its dependencies completed: a/));
  });
});
