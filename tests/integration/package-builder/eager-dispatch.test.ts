// Quick tier, real dev server (shared; started by scripts/run-tests.mjs with the app's
// DEFAULT_DYNAMIC_CONFIG). Proves the latency settings of issue 12 hold on the app's own path (the
// compiled PackageBuild child, the forked worker with its default options): the build activity of
// every child is dispatched eagerly — handed to the worker in the reply to the child's first
// workflow task, so ActivityTaskStarted carries the same server step's time as ActivityTaskScheduled
// instead of a matching round trip later. It fails if the server is started without
// `system.enableActivityEagerExecution` or if the worker's activity polls hold every slot (the SDK's
// default, docs/architecture/performance.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import { fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { packageBuildDefinition, packageBuilderDefinition } from './scenario';

const ACTIVITY_TASK_STARTED = 11;

const millis = (event: HistoryEventLike): number =>
  Number(event.eventTime!.seconds) * 1000 + (event.eventTime!.nanos ?? 0) / 1e6;

describe('PackageBuild on the app defaults', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(defaultCompiler, 'eager-dispatch');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('dispatches each child’s build eagerly (no matching round trip between scheduled and started)', async () => {
    const childId = h.store.definitions.save({ definition: packageBuildDefinition() }).id;
    const parent = h.store.definitions.save({
      definition: packageBuilderDefinition(childId, { maxConcurrent: 3, failFast: false }),
    });
    const packages = [
      { name: 'a', estimatedDurationMs: 10 },
      { name: 'b', estimatedDurationMs: 10 },
      { name: 'c', estimatedDurationMs: 10, dependencies: ['a', 'b'] },
    ];
    const started = await h.launcher.start(h.store.definitions.get(parent.id), { packages, failures: {} });
    await h.monitor.settled(started.workflowId);
    expect(h.store.runs.get(started.workflowId).status).toBe('completed');

    const [run] = await fetchChain(h.client, started.workflowId, started.runId);
    const childIds = run!.events
      .filter((e) => e.eventType === EventType.ChildWorkflowExecutionCompleted)
      .map((e) => e.childWorkflowExecutionCompletedEventAttributes!.workflowExecution!.workflowId!);
    expect(childIds).toHaveLength(3);
    const gaps: number[] = [];
    for (const id of childIds) {
      const events = ((await h.client.workflow.getHandle(id).fetchHistory()).events ??
        []) as HistoryEventLike[];
      const scheduled = events.find((e) => Number(e.eventType) === EventType.ActivityTaskScheduled);
      const activityStarted = events.find((e) => Number(e.eventType) === ACTIVITY_TASK_STARTED);
      expect(scheduled, `child ${id} scheduled no activity`).toBeDefined();
      expect(activityStarted, `child ${id} started no activity`).toBeDefined();
      gaps.push(millis(activityStarted!) - millis(scheduled!));
    }
    // Eager: one server step (0 ms in every run measured); a matching round trip is several ms
    // even on an idle machine.
    for (const gap of gaps) expect(gap).toBeLessThan(1);
  }, 120_000);
});
