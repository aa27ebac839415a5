// Quick tier, real dev server (shared). The PackageBuild example (examples/package-build.json)
// runs a build the parent expects to be short (`$package.expectedDurationMs` < 5 s: earlier
// builds' time, else the graph's estimate) as a local activity, and an unknown or long one as a
// heartbeating activity (docs/architecture/performance.md). Proves, on one run: each package is
// still its own child workflow; a short build is a marker in one workflow task (no activity task);
// a package without an estimate, and one whose earlier builds were long, get an activity task; the
// build's result reaches the child's result, and a failing local build still fails its package and
// blocks its dependents.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import { fetchChain } from './history-check';
import { waitChildRunning } from './wait-child';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { packageBuildDefinition, packageBuilderDefinition } from './scenario';

const MARKER_RECORDED = 25;

describe('PackageBuild: short builds as a local activity, the others as an activity', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(defaultCompiler, 'local-activity');
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The test parent with the example's child input: each child told its expected build time. */
  function saveParent(loopSettings: Record<string, unknown> = {}): string {
    const childId = h.store.definitions.save({ definition: packageBuildDefinition() }).id;
    const parent = packageBuilderDefinition(childId, {
      maxConcurrent: 2,
      failFast: false,
      ...loopSettings,
    }) as {
      nodes: Array<{ kind: string; data: { childInput?: Record<string, unknown> } }>;
    };
    const loop = parent.nodes.find((n) => n.kind === 'dynamicLoop')!;
    loop.data.childInput = {
      ...loop.data.childInput,
      expectedDurationMs: { $ref: '$package.expectedDurationMs' },
    };
    return h.store.definitions.save({ definition: parent }).id;
  }

  it('chooses per package from the run’s expectation; a failing local build fails its package', async () => {
    const parentId = saveParent();
    const packages = [
      { name: 'a', estimatedDurationMs: 20 },
      { name: 'b', estimatedDurationMs: 50, dependencies: ['a'] },
      { name: 'c', estimatedDurationMs: 10 },
      { name: 'd', estimatedDurationMs: 10, dependencies: ['c'] },
      // No estimate: unknown, an activity (its simulated build takes the child's default, 1 s).
      { name: 'e' },
      // A short declared estimate, but earlier builds took a minute: an activity.
      { name: 'f', estimatedDurationMs: 30 },
    ];
    const started = await h.launcher.start(h.store.definitions.get(parentId), {
      packages,
      failures: { c: 'compiler exploded' },
      estimatedDurationsMs: { f: 60_000 },
    });
    await h.monitor.settled(started.workflowId);
    const state = h.monitor.lastState(started.workflowId)!;
    expect(state.completed.map((p) => p.name).sort()).toEqual(['a', 'b', 'e', 'f']);
    expect(state.failed.map((p) => p.name)).toEqual(['c']);
    expect(state.blocked.map((p) => p.name)).toEqual(['d']);

    const [run] = await fetchChain(h.client, started.workflowId, started.runId);
    const childIds = run!.events
      .filter((e) => e.eventType === EventType.ChildWorkflowExecutionCompleted)
      .map((e) => e.childWorkflowExecutionCompletedEventAttributes!.workflowExecution!.workflowId!);
    expect(childIds).toHaveLength(4);
    const packageOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1, id.lastIndexOf('#'));
    for (const id of childIds) {
      const name = packageOf(id);
      const events = ((await h.client.workflow.getHandle(id).fetchHistory()).events ??
        []) as HistoryEventLike[];
      const types = events.map((e) => Number(e.eventType));
      const result = await h.client.workflow.getHandle(id).result();
      if (name === 'a' || name === 'b') {
        expect(types, name).toContain(MARKER_RECORDED);
        expect(types, name).not.toContain(EventType.ActivityTaskScheduled);
        expect(
          types.filter((t) => t === EventType.WorkflowTaskCompleted),
          name,
        ).toHaveLength(1);
        expect(result, name).toMatchObject({ buildLocal: { packageName: name } });
      } else {
        expect(types, name).toContain(EventType.ActivityTaskScheduled);
        expect(types, name).not.toContain(MARKER_RECORDED);
        expect(result, name).toMatchObject({ build: { packageName: name } });
      }
    }
  }, 120_000);

  it('a cancel reaches a local build that overruns its expectation: the child ends cancelled, the build stops', async () => {
    const parentId = saveParent();
    // Earlier builds said 100 ms (local), this one takes 30 s (the declared estimate it simulates).
    const started = await h.launcher.start(h.store.definitions.get(parentId), {
      packages: [{ name: 'overrun', estimatedDurationMs: 30_000 }],
      estimatedDurationsMs: { overrun: 100 },
    });
    const childId = `${started.workflowId}/overrun#1`;
    await waitChildRunning(h.client, childId);
    await new Promise((r) => setTimeout(r, 1000)); // the local build is under way
    const cancelledAt = Date.now();
    await h.client.workflow.getHandle(started.workflowId).cancel();
    await h.monitor.settled(started.workflowId);
    const child = await h.client.workflow.getHandle(childId).describe();
    expect(child.status.name).toBe('CANCELLED');
    const endedAfterMs = child.closeTime!.getTime() - cancelledAt;
    console.log(`local build: cancel → child closed in ${endedAfterMs} ms`);
    // Delivered with the workflow task's next heartbeat (80 % of its 10 s timeout), not after 30 s.
    expect(endedAfterMs).toBeLessThan(12_000);
    const types = (
      ((await h.client.workflow.getHandle(childId).fetchHistory()).events ?? []) as HistoryEventLike[]
    ).map((e) => Number(e.eventType));
    expect(types).not.toContain(EventType.ActivityTaskScheduled);
    // The build itself stopped: its log ends with the cancellation, well before its 30 s.
    const log = readdirSync(join(h.dataDir, 'logs'), { recursive: true, encoding: 'utf8' }).find((f) =>
      f.includes(`overrun.attempt-1.log`),
    );
    expect(log).toBeDefined();
    const text = readFileSync(join(h.dataDir, 'logs', log!), 'utf8');
    expect(text).toMatch(/cancel/i);
  }, 60_000);

  it('the expectation survives continue-as-new: the packages built by the next run are local too', async () => {
    const parentId = saveParent({ historyThreshold: 100 });
    // Two chains of 12 instant packages (N = 2): ~7 parent events each, so the run continues as new midway.
    const name = (i: number): string => `p${String(i).padStart(2, '0')}`;
    const packages = Array.from({ length: 24 }, (_, i) => ({
      name: name(i),
      estimatedDurationMs: 0,
      ...(i > 1 ? { dependencies: [name(i - 2)] } : {}),
    }));
    const started = await h.launcher.start(h.store.definitions.get(parentId), { packages });
    await h.monitor.settled(started.workflowId);
    expect(h.monitor.lastState(started.workflowId)!.completed).toHaveLength(24);
    const chain = await fetchChain(h.client, started.workflowId, started.runId);
    expect(chain.length).toBeGreaterThanOrEqual(2);
    const lastRun = chain
      .at(-1)!
      .events.filter((e) => e.eventType === EventType.ChildWorkflowExecutionCompleted);
    expect(lastRun.length).toBeGreaterThan(0);
    for (const event of lastRun) {
      const id = event.childWorkflowExecutionCompletedEventAttributes!.workflowExecution!.workflowId!;
      const types = (
        ((await h.client.workflow.getHandle(id).fetchHistory()).events ?? []) as HistoryEventLike[]
      ).map((e) => Number(e.eventType));
      expect(types, id).toContain(MARKER_RECORDED);
      expect(types, id).not.toContain(EventType.ActivityTaskScheduled);
    }
  }, 60_000);
});
