// Child workflows on the real dev server: spawn and wait, cancel, failures (continue vs failFast),
// a missing dependency. Everything observed through the runtime (launcher, monitor, store) and
// the parent's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/ipc';
import {
  CHILD_CLOSE_EVENTS,
  EventType,
  childWorkflowIdOf,
  type HistoryEventLike,
} from '../../../src/main/run-monitor/history-events';
import type { OrchestrationState } from '../../../src/main/run-monitor/orchestration-state';
import { fetchChain } from './history-check';
import { waitChildRunning } from './wait-child';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { scenarioAdapter, type PackageScenario } from './scenario';

describe(`child workflows (${scenarioAdapter.name} project)`, () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(scenarioAdapter.compiler, 'children');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function run(scenario: PackageScenario): Promise<RunRecord> {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario);
    return h.launcher.start(definition, input);
  }
  async function finish(
    record: RunRecord,
  ): Promise<{ record: RunRecord; state: OrchestrationState | undefined }> {
    await h.monitor.settled(record.workflowId);
    return { record: h.store.runs.get(record.workflowId), state: h.monitor.lastState(record.workflowId) };
  }
  async function waitActive(workflowId: string, pkg: string): Promise<void> {
    await expect
      .poll(
        async () => {
          const state = await h.client.workflow
            .getHandle(workflowId)
            .query<OrchestrationState>('getOrchestrationState');
          return state.active.some((a) => a.name === pkg);
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);
  }

  async function childStarts(workflowId: string): Promise<{ initiated: string[]; started: number }> {
    const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
    const events = (history.events ?? []) as HistoryEventLike[];
    return {
      initiated: events
        .filter((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)
        .map((e) => childWorkflowIdOf(e)!),
      started: events.filter((e) => e.eventType === EventType.ChildWorkflowExecutionStarted).length,
    };
  }

  it('spawns 3 children and waits for all of them', async () => {
    const started = await run({
      packages: [
        { name: 'a', simulatedDurationMs: 300 },
        { name: 'b', simulatedDurationMs: 100 },
        { name: 'c', simulatedDurationMs: 200 },
      ],
    });
    const { record, state } = await finish(started);
    expect(record.status).toBe('completed');
    expect(state?.completed.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    const [only] = await fetchChain(h.client, record.workflowId, started.runId);
    const closes = only!.events
      .filter((e) => e.eventType === EventType.ChildWorkflowExecutionCompleted)
      .map((e) => childWorkflowIdOf(e));
    expect(closes.sort()).toEqual(['a', 'b', 'c'].map((p) => `${record.workflowId}/${p}#1`));
    // The parent closed after every child closed: none abandoned.
    const closeIndex = only!.events.findIndex((e) => e.eventType === EventType.WorkflowExecutionCompleted);
    const lastChild = Math.max(
      ...only!.events.map((e, i) => (CHILD_CLOSE_EVENTS.has(e.eventType ?? 0) ? i : -1)),
    );
    expect(lastChild).toBeLessThan(closeIndex);
  });

  it('a child cancelled mid-execution fails its package and blocks its dependents; the rest completes', async () => {
    const started = await run({
      packages: [
        { name: 'slow', simulatedDurationMs: 20_000 },
        { name: 'fast', simulatedDurationMs: 100 },
        { name: 'after-slow', dependencies: ['slow'], simulatedDurationMs: 100 },
      ],
    });
    await waitActive(started.workflowId, 'slow');
    await waitChildRunning(h.client, `${started.workflowId}/slow#1`);
    await h.client.workflow.getHandle(`${started.workflowId}/slow#1`).cancel();
    const { record, state } = await finish(started);
    // The loop went on without it; at its end the failure fails the run, naming the package.
    expect(record.status).toBe('failed');
    expect(String((record.summary as { error?: string }).error)).toContain('slow');
    expect(state?.completed.map((c) => c.name)).toEqual(['fast']);
    expect(state?.failed.map((f) => f.name)).toEqual(['slow']);
    expect(state?.blocked).toEqual([{ name: 'after-slow', blockedBy: 'slow' }]);
  });

  it('cancelling the parent mid-execution cancels its in-flight children', async () => {
    const started = await run({
      packages: [
        { name: 'x', simulatedDurationMs: 20_000 },
        { name: 'y', simulatedDurationMs: 20_000 },
      ],
    });
    await waitActive(started.workflowId, 'y');
    await waitChildRunning(h.client, `${started.workflowId}/y#1`);
    await h.client.workflow.getHandle(started.workflowId).cancel();
    const { record } = await finish(started);
    expect(record.status).toBe('cancelled');
    for (const pkg of ['x', 'y']) {
      const child = await h.client.workflow.getHandle(`${started.workflowId}/${pkg}#1`).describe();
      expect(child.status.name).not.toBe('RUNNING');
    }
  });

  it('cancelling the parent while its child starts are not yet acknowledged leaves no child running', async () => {
    const started = await run({
      packages: ['c1', 'c2', 'c3', 'c4'].map((name) => ({ name, simulatedDurationMs: 20_000 })),
    });
    // Cancel as soon as the start commands are in the history (before the children report started).
    await expect
      .poll(async () => (await childStarts(started.workflowId)).initiated.length, {
        timeout: 20_000,
        interval: 5,
      })
      .toBeGreaterThan(0);
    const atCancel = await childStarts(started.workflowId);
    await h.client.workflow.getHandle(started.workflowId).cancel();
    const { record } = await finish(started);
    expect(record.status).toBe('cancelled');
    const { initiated } = await childStarts(started.workflowId);
    console.log(`cancel with ${atCancel.initiated.length} initiated, ${atCancel.started} acknowledged`);
    for (const id of initiated) {
      await expect
        .poll(
          async () => {
            try {
              return (await h.client.workflow.getHandle(id).describe()).status.name;
            } catch {
              return 'NOT_FOUND';
            }
          },
          { timeout: 20_000, interval: 100 },
        )
        .not.toBe('RUNNING');
    }
  });

  it('a failing child is handled by the parent (continue mode): failed, dependents blocked, others built', async () => {
    const started = await run({
      packages: [
        { name: 'base', simulatedDurationMs: 50 },
        { name: 'broken', dependencies: ['base'], simulatedDurationMs: 50, failWith: 'tsc: 3 errors' },
        { name: 'app', dependencies: ['broken'], simulatedDurationMs: 50 },
        { name: 'other', dependencies: ['base'], simulatedDurationMs: 200 },
      ],
      failFast: false,
    });
    const { record, state } = await finish(started);
    expect(record.status).toBe('failed');
    expect(String((record.summary as { error?: string }).error)).toMatch(/broken \(tsc: 3 errors\)/);
    expect(state?.completed.map((c) => c.name).sort()).toEqual(['base', 'other']);
    expect(state?.failed).toEqual([
      expect.objectContaining({ name: 'broken', error: expect.stringContaining('tsc: 3 errors') }),
    ]);
    expect(state?.blocked).toEqual([{ name: 'app', blockedBy: 'broken' }]);
    // The failure reached the parent as a typed child failure event.
    const [only] = await fetchChain(h.client, record.workflowId, started.runId);
    expect(only!.events.some((e) => e.eventType === EventType.ChildWorkflowExecutionFailed)).toBe(true);
  });

  it('failFast: the first failure cancels the in-flight children and fails the parent with a summary', async () => {
    const started = await run({
      packages: [
        { name: 'boom', simulatedDurationMs: 100, failWith: 'boom' },
        { name: 'long1', simulatedDurationMs: 20_000 },
        { name: 'long2', simulatedDurationMs: 20_000 },
        { name: 'later', dependencies: ['long1'], simulatedDurationMs: 50 },
      ],
      failFast: true,
      maxConcurrent: 4,
    });
    const t0 = Date.now();
    const { record } = await finish(started);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(record.status).toBe('failed');
    expect(String((record.summary as { error?: string }).error)).toContain('boom');
    const [only] = await fetchChain(h.client, record.workflowId, started.runId);
    const initiated = only!.events
      .filter((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)
      .map((e) => childWorkflowIdOf(e));
    expect(initiated.some((id) => id?.endsWith('/later#1'))).toBe(false);
    for (const pkg of ['long1', 'long2']) {
      const child = await h.client.workflow.getHandle(`${started.workflowId}/${pkg}#1`).describe();
      expect(child.status.name).toBe('CANCELLED');
    }
  });

  it('a missing dependency fails the run before anything builds, naming it', async () => {
    const started = await run({
      packages: [
        { name: 'app', dependencies: ['ghost-lib'], simulatedDurationMs: 50 },
        { name: 'lib', simulatedDurationMs: 50 },
      ],
    });
    const { record } = await finish(started);
    expect(record.status).toBe('failed');
    expect(String((record.summary as { error?: string }).error)).toContain('ghost-lib');
    const [only] = await fetchChain(h.client, record.workflowId, started.runId);
    expect(only!.events.some((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)).toBe(
      false,
    );
  });
});
