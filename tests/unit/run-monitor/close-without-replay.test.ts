/**
 * Quick tier. Proves when the RunMonitor asks a closed run's state (issue 12, fifth pass): a closed
 * workflow has left the worker's cache, so a query replays its whole history. After a close the
 * monitor asks nothing when its last answer already showed the package loop finished and only a
 * report activity's end came since; it still asks when a child event came with the close, or when
 * the loop was not finished. The history arrives in scripted batches from a fake client: this is
 * about which batches cause a query, not about Temporal.
 */
import { describe, expect, it } from 'vitest';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { follow, START, state, type Batch } from './scripted-monitor';

const E = EventType;
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
