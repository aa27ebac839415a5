// Quick tier, real dev server (shared). A PackageBuild child whose build node is a local activity
// (`local: true`, docs/architecture/performance.md): each package is still its own child workflow,
// the build is recorded as a marker in the child's history (no activity task, a single workflow
// task), the build's result reaches the child's result, and a failing build still fails its package.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import { fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { packageBuildDefinition, packageBuilderDefinition } from './scenario';

const MARKER_RECORDED = 25;

describe('PackageBuild with a local-activity build', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(defaultCompiler, 'local-activity');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('builds every package in its own child, the build a marker in one workflow task; a failure fails its package', async () => {
    const child = packageBuildDefinition() as { nodes: Array<{ id: string; data: Record<string, unknown> }> };
    const build = child.nodes.find((n) => n.id === 'build')!;
    delete build.data.heartbeatTimeoutMs;
    build.data.local = true;
    const childId = h.store.definitions.save({ definition: child }).id;
    const parent = h.store.definitions.save({
      definition: packageBuilderDefinition(childId, { maxConcurrent: 2, failFast: false }),
    });
    const packages = [
      { name: 'a', estimatedDurationMs: 20 },
      { name: 'b', estimatedDurationMs: 50, dependencies: ['a'] },
      { name: 'c', estimatedDurationMs: 10 },
      { name: 'd', estimatedDurationMs: 10, dependencies: ['c'] },
    ];
    const started = await h.launcher.start(h.store.definitions.get(parent.id), {
      packages,
      failures: { c: 'compiler exploded' },
    });
    await h.monitor.settled(started.workflowId);
    const state = h.monitor.lastState(started.workflowId)!;
    expect(state.completed.map((p) => p.name).sort()).toEqual(['a', 'b']);
    expect(state.failed.map((p) => p.name)).toEqual(['c']);
    expect(state.blocked.map((p) => p.name)).toEqual(['d']);

    const [run] = await fetchChain(h.client, started.workflowId, started.runId);
    const childIds = run!.events
      .filter((e) => e.eventType === EventType.ChildWorkflowExecutionCompleted)
      .map((e) => e.childWorkflowExecutionCompletedEventAttributes!.workflowExecution!.workflowId!);
    expect(childIds).toHaveLength(2);
    for (const id of childIds) {
      const events = ((await h.client.workflow.getHandle(id).fetchHistory()).events ??
        []) as HistoryEventLike[];
      const types = events.map((e) => Number(e.eventType));
      expect(types).toContain(MARKER_RECORDED);
      expect(types).not.toContain(EventType.ActivityTaskScheduled);
      expect(types.filter((t) => t === EventType.WorkflowTaskCompleted)).toHaveLength(1);
      const result = await h.client.workflow.getHandle(id).result();
      expect(result).toMatchObject({ build: { packageName: id.includes('/a#') ? 'a' : 'b' } });
    }
  }, 120_000);
});
