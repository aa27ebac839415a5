// Quick tier, real dev server (shared; started by scripts/run-tests.mjs with the app's
// DEFAULT_DYNAMIC_CONFIG). Proves the latency settings of issue 12 hold on the app's own path (the
// compiled PackageBuild child, the forked worker with its default options): the build activity of
// every child is dispatched eagerly — handed to the worker in the reply to the child's first
// workflow task instead of through matching. The proof is the server's own count of eager
// dispatches on the test's task queue (its Prometheus counter activity_eager_execution), not
// timings: an eager start carries the scheduling step's time, but that step itself can take a
// couple of ms on a busy machine, so a "gap < 1 ms" check failed about one run in four although
// every build was eager. It fails if the server is started without
// `system.enableActivityEagerExecution` or if the worker's activity polls hold every slot (the SDK's
// default, docs/architecture/performance.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import { awaitServerCounter, readServerCounter } from '../../support/shared-temporal';
import { fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { packageBuildDefinition, packageBuilderDefinition } from './scenario';

/** The server's metrics write a task queue's name with every character outside [A-Za-z0-9_] as `_`. */
const metricsLabel = (taskQueue: string): string => taskQueue.replace(/[^A-Za-z0-9_]/g, '_');

describe('PackageBuild on the app defaults', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(defaultCompiler, 'eager-dispatch');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('dispatches each child’s build eagerly (the server counts one eager dispatch per child, none through matching)', async () => {
    const eagerOnQueue = { taskqueue: metricsLabel(h.taskQueue) };
    expect(await readServerCounter('activity_eager_execution', eagerOnQueue)).toBe(0);
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
    let builds = 0;
    for (const id of childIds) {
      const events = (await h.client.workflow.getHandle(id).fetchHistory()).events ?? [];
      const scheduled = events.filter((e) => Number(e.eventType) === EventType.ActivityTaskScheduled);
      expect(scheduled, `child ${id} scheduled one build`).toHaveLength(1);
      expect(scheduled[0]!.activityTaskScheduledEventAttributes!.taskQueue!.name).toBe(h.taskQueue);
      builds += scheduled.length;
    }
    // Every build scheduled on the queue went out in the workflow task's reply: as many eager
    // dispatches as builds (a build fetched through matching would leave the count short).
    expect(await awaitServerCounter('activity_eager_execution', eagerOnQueue, builds)).toBe(builds);
  }, 120_000);
});
