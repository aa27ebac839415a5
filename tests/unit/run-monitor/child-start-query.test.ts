/**
 * Quick tier. Proves when a child's start makes the RunMonitor ask the run's state (issue 12, tenth
 * pass): the package loop lists a child from its start command on, so a ChildWorkflowExecutionStarted
 * of a child the last answer already lists changes nothing and causes no query (which would reach
 * the worker just as the child's first workflow task does). A start the last answer does not list
 * still causes one. The history arrives in scripted batches from a fake client.
 */
import { describe, expect, it } from 'vitest';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { childId, follow, START, state, type Batch } from './scripted-monitor';

const E = EventType;
const childStarted = (name: string) => ({
  eventType: E.ChildWorkflowExecutionStarted,
  childWorkflowExecutionStartedEventAttributes: { workflowExecution: { workflowId: childId(name) } },
});
const childCompleted = (name: string) => ({
  eventType: E.ChildWorkflowExecutionCompleted,
  childWorkflowExecutionCompletedEventAttributes: { workflowExecution: { workflowId: childId(name) } },
});
const HISTORY: Batch[] = [
  START,
  [childStarted('a'), E.WorkflowTaskScheduled, E.WorkflowTaskStarted, E.WorkflowTaskCompleted],
  [childCompleted('a'), E.WorkflowTaskScheduled, E.WorkflowTaskStarted],
  [E.WorkflowTaskCompleted, E.WorkflowExecutionCompleted],
];
const FINISHED = state('finished', ['a']);

describe('RunMonitor: a child start', () => {
  it('causes no query when the last answer already lists the child', async () => {
    const { stats, monitor } = await follow(HISTORY, [state('building', [], ['a']), FINISHED]);
    expect(stats.queries).toBe(2); // the start and the child's close
    expect(monitor.lastState('pb-1')?.completed.map((c) => c.childWorkflowId)).toEqual([childId('a')]);
  });

  it('causes a query when the last answer does not list it yet', async () => {
    const { stats, monitor } = await follow(HISTORY, [
      state('building', []),
      state('building', [], ['a']),
      FINISHED,
    ]);
    expect(stats.queries).toBe(3);
    expect(monitor.lastState('pb-1')?.phase).toBe('finished');
  });

  it('causes a query on every start with askOnListedChildStart (the benchmark baseline)', async () => {
    const { stats } = await follow(
      HISTORY,
      [state('building', [], ['a']), state('building', [], ['a']), FINISHED],
      true,
    );
    expect(stats.queries).toBe(3);
  });
});
