// Retry: within the window (retryFailed / finish signals through the runs.* handlers) and after
// close (runs.retry: a new run linked to the old one, seeded with its completed packages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/ipc';
import { createRunsHandlers } from '../../../src/main/ipc/handlers/runs-handlers';
import { EventType, childWorkflowIdOf } from '../../../src/main/run-monitor/history-events';
import type { OrchestrationState } from '../../../src/main/run-monitor/orchestration-state';
import { TemporalClientProvider } from '../../../src/main/temporal-client/client-provider';
import { sharedTemporal } from '../../support/shared-temporal';
import { fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { scenarioAdapter, type PackageScenario } from './scenario';

describe(`retry (${scenarioAdapter.name} project)`, () => {
  let h: RuntimeHarness;
  let provider: TemporalClientProvider;
  let handlers: ReturnType<typeof createRunsHandlers>;
  beforeAll(async () => {
    h = await createRuntimeHarness(scenarioAdapter.compiler, 'retry');
    const { address, namespace } = sharedTemporal();
    provider = new TemporalClientProvider(() => ({ connection: { address }, namespace }));
    handlers = createRunsHandlers({
      store: h.store,
      temporal: provider,
      bus: h.bus,
      launcher: h.launcher,
      monitor: h.monitor,
    });
  });
  afterAll(async () => {
    await provider?.close();
    await h?.close();
  });

  const scenario = (retryWindowMs: number): PackageScenario => ({
    packages: [
      { name: 'core', simulatedDurationMs: 50 },
      { name: 'flaky', dependencies: ['core'], simulatedDurationMs: 50, failWith: 'flaky test' },
      { name: 'app', dependencies: ['flaky'], simulatedDurationMs: 50 },
      { name: 'docs', dependencies: ['core'], simulatedDurationMs: 50 },
    ],
    retryWindowMs,
  });

  async function phase(workflowId: string): Promise<string> {
    const state = await h.client.workflow
      .getHandle(workflowId)
      .query<OrchestrationState>('getOrchestrationState');
    return state.phase;
  }
  async function childIds(record: RunRecord): Promise<string[]> {
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    return chain.flatMap((r) =>
      r.events
        .filter((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)
        .map((e) => childWorkflowIdOf(e)!),
    );
  }

  it('within the window: retryFailed reruns the failed and blocked packages and reuses the completed ones', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(60_000));
    const started = await h.launcher.start(definition, input);
    await expect
      .poll(() => phase(started.workflowId), { timeout: 20_000, interval: 100 })
      .toBe('awaiting-retry');
    await handlers['runs.retryFailed']({ workflowId: started.workflowId });
    // The injected failure applies to the first attempt only: the retry builds flaky, then app.
    await h.monitor.settled(started.workflowId);
    expect(h.store.runs.get(started.workflowId).status).toBe('completed');
    const ids = await childIds(started);
    const w = started.workflowId;
    expect(ids.filter((id) => id.startsWith(`${w}/flaky#`))).toEqual([`${w}/flaky#1`, `${w}/flaky#2`]);
    expect(ids.filter((id) => id.startsWith(`${w}/core#`))).toEqual([`${w}/core#1`]); // not rebuilt
    expect(ids.filter((id) => id.startsWith(`${w}/docs#`))).toEqual([`${w}/docs#1`]);
    expect(ids.filter((id) => id.startsWith(`${w}/app#`))).toEqual([`${w}/app#1`]); // unblocked and built
    const state = h.monitor.lastState(w)!;
    expect(state.failed).toEqual([]);
    expect(state.blocked).toEqual([]);
  }, 60_000);

  it('finish ends the window: the run closes with its failures', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(60_000));
    const started = await h.launcher.start(definition, input);
    await expect
      .poll(() => phase(started.workflowId), { timeout: 20_000, interval: 100 })
      .toBe('awaiting-retry');
    const t0 = Date.now();
    await handlers['runs.finish']({ workflowId: started.workflowId });
    await h.monitor.settled(started.workflowId);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const record = h.store.runs.get(started.workflowId);
    expect(record.status).not.toBe('running');
    expect((record.summary as { failed: Array<{ name: string }> }).failed.map((f) => f.name)).toEqual([
      'flaky',
    ]);
  }, 60_000);

  it('after close: runs.retry starts a new run linked to the old one, seeded with its completed packages', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(0));
    const first = await h.launcher.start(definition, input);
    await h.monitor.settled(first.workflowId);
    expect(h.store.runs.get(first.workflowId).status).not.toBe('running');
    await expect(handlers['runs.retryFailed']({ workflowId: first.workflowId })).rejects.toThrow(
      /needs a running run/,
    );

    const retry = await handlers['runs.retry']({ workflowId: first.workflowId });
    expect(retry.workflowId).not.toBe(first.workflowId);
    expect((retry.summary as { retryOf?: string }).retryOf).toBe(first.workflowId);
    await h.monitor.settled(retry.workflowId);
    const ids = await childIds(retry);
    // Only what did not complete before is built again.
    const built = ids.map((id) => id.slice(retry.workflowId.length + 1, id.lastIndexOf('#'))).sort();
    expect(built).not.toContain('core');
    expect(built).not.toContain('docs');
    expect(built).toContain('flaky');
    const state = h.monitor.lastState(retry.workflowId)!;
    expect(state.completed.map((c) => c.name)).toEqual(expect.arrayContaining(['core', 'docs']));
  }, 60_000);
});
