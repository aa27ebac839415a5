// Quick tier, real shared dev server. Proves the run page's actions beyond "Retry failed":
// - retry one package in the retry window (the retryFailed signal with package names): only that
//   failed package and its dependents build again; the other failure and what it blocks stay;
// - retry one package after close (runs.retry with packages): a new run builds only that package and
//   its dependents; completed packages and the other failed branch get no child;
// - run again with edited settings (runs.retry with maxConcurrent 2 and edited inputs): the new
//   run uses N = 2, never has more than 2 children open, and does not rebuild completed packages;
// - run again from scratch (reuseCompleted false) builds everything.
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

describe('run actions: retry one package, run again with edited settings', () => {
  let h: RuntimeHarness;
  let provider: TemporalClientProvider;
  let handlers: ReturnType<typeof createRunsHandlers>;
  beforeAll(async () => {
    h = await createRuntimeHarness(scenarioAdapter.compiler, 'actions');
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

  /** core ← a ← a2, core ← b ← b2, ab ← (a, b), docs; a and b fail on their first attempt. */
  const scenario = (retryWindowMs: number, maxConcurrent = 4): PackageScenario => ({
    packages: [
      { name: 'core', simulatedDurationMs: 50 },
      { name: 'a', dependencies: ['core'], simulatedDurationMs: 50, failWith: 'a broke' },
      { name: 'a2', dependencies: ['a'], simulatedDurationMs: 50 },
      { name: 'b', dependencies: ['core'], simulatedDurationMs: 50, failWith: 'b broke' },
      { name: 'b2', dependencies: ['b'], simulatedDurationMs: 50 },
      { name: 'ab', dependencies: ['a', 'b'], simulatedDurationMs: 50 },
      { name: 'docs', simulatedDurationMs: 300 },
      { name: 'guide', dependencies: ['docs'], simulatedDurationMs: 300 },
    ],
    retryWindowMs,
    maxConcurrent,
  });

  const query = (workflowId: string) =>
    h.client.workflow.getHandle(workflowId).query<OrchestrationState>('getOrchestrationState');

  /** Child workflow ids started by a run, in history order. */
  async function children(record: RunRecord): Promise<Array<{ id: string; pkg: string }>> {
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    return chain.flatMap((r) =>
      r.events
        .filter((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)
        .map((e) => {
          const id = childWorkflowIdOf(e)!;
          return { id, pkg: id.slice(record.workflowId.length + 1, id.lastIndexOf('#')) };
        }),
    );
  }

  it('in the retry window: retrying one package rebuilds it and its dependents only', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(60_000));
    const run = await h.launcher.start(definition, input);
    const w = run.workflowId;
    await expect
      .poll(async () => (await query(w)).phase, { timeout: 30_000, interval: 100 })
      .toBe('awaiting-retry');
    await expect(handlers['runs.retryFailed']({ workflowId: w, packages: ['a2'] })).rejects.toThrow(
      /Cannot retry a2: not a failed package .*failed: (a, b|b, a)/,
    );
    await handlers['runs.retryFailed']({ workflowId: w, packages: ['a'] });
    // a and a2 build; b stays failed, so ab and b2 stay blocked and the run waits again.
    await expect
      .poll(async () => (await query(w)).totals.completed, { timeout: 30_000, interval: 100 })
      .toBe(5);
    await expect
      .poll(async () => (await query(w)).phase, { timeout: 30_000, interval: 100 })
      .toBe('awaiting-retry');
    const state = await query(w);
    expect(state.failed.map((f) => f.name)).toEqual(['b']);
    expect(state.blocked.map((b) => b.name).sort()).toEqual(['ab', 'b2']);
    expect(state.blocked.find((b) => b.name === 'ab')?.blockedBy).toBe('b');
    const ids = (await children(run)).map((c) => c.id.slice(w.length + 1));
    expect(ids.filter((id) => id.startsWith('a#') || id.startsWith('a2#'))).toEqual(['a#1', 'a#2', 'a2#1']);
    expect(ids.filter((id) => id.startsWith('b#'))).toEqual(['b#1']); // not retried
    expect(ids.filter((id) => id.startsWith('core#'))).toEqual(['core#1']); // not rebuilt
    // The default retry then takes the remaining failure.
    await handlers['runs.retryFailed']({ workflowId: w });
    await h.monitor.settled(w);
    expect(h.store.runs.get(w).status).toBe('completed');
    expect(h.monitor.lastState(w)!.totals.completed).toBe(8);
  }, 90_000);

  it('after close: retrying one package starts a run that builds only it and its dependents', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(0));
    const first = await h.launcher.start(definition, input);
    await h.monitor.settled(first.workflowId);
    await expect(
      handlers['runs.retry']({ workflowId: first.workflowId, packages: ['core'] }),
    ).rejects.toThrow(/Cannot retry core: not a failed package/);

    // The failure injection hits attempt 1 of any run: the retry clears it (an edited input).
    const retry = await handlers['runs.retry']({
      workflowId: first.workflowId,
      packages: ['a'],
      input: { failures: {} },
    });
    expect((retry.summary as { retryOf?: string }).retryOf).toBe(first.workflowId);
    await h.monitor.settled(retry.workflowId);
    const built = (await children(retry)).map((c) => c.pkg).sort();
    expect(built).toEqual(['a', 'a2']); // no child for completed packages, nor for the b branch
    // The close is recorded (the reused and "not retried" packages are no builds of this run).
    expect(h.store.runs.get(retry.workflowId).status).toBe('failed');
    const state = h.monitor.lastState(retry.workflowId)!;
    expect(state.completed.map((c) => c.name).sort()).toEqual(['a', 'a2', 'core', 'docs', 'guide']);
    expect(state.failed).toEqual([
      expect.objectContaining({
        name: 'b',
        error: expect.stringMatching(/not retried: this run retries a only/),
      }),
    ]);
    expect(state.blocked.map((b) => b.name).sort()).toEqual(['ab', 'b2']);
  }, 90_000);

  it('run again with edited settings: N = 2 and edited inputs, completed packages reused', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, scenario(0));
    const first = await h.launcher.start(definition, input);
    await h.monitor.settled(first.workflowId);
    const again = await handlers['runs.retry']({
      workflowId: first.workflowId,
      maxConcurrent: 2,
      input: { failures: {} },
    });
    await h.monitor.settled(again.workflowId);
    expect(h.store.runs.get(again.workflowId).status).toBe('completed');
    const state = h.monitor.lastState(again.workflowId)!;
    expect(state.concurrency.max).toBe(2);
    expect(state.totals.completed).toBe(8);
    const built = (await children(again)).map((c) => c.pkg).sort();
    expect(built).toEqual(['a', 'a2', 'ab', 'b', 'b2']); // core, docs, guide were completed before
    expect(await maxOpenChildren(again)).toBeLessThanOrEqual(2);

    // Run again from scratch with the same (edited) inputs: everything builds, N = 2 kept.
    const fresh = await handlers['runs.retry']({ workflowId: again.workflowId, reuseCompleted: false });
    await h.monitor.settled(fresh.workflowId);
    expect((await children(fresh)).length).toBe(8);
    expect(h.monitor.lastState(fresh.workflowId)!.concurrency.max).toBe(2);
  }, 90_000);

  /** The most children open at once, from the parent's history (initiated … closed events). */
  async function maxOpenChildren(record: RunRecord): Promise<number> {
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    let open = 0;
    let max = 0;
    const closing = new Set<number>([
      EventType.ChildWorkflowExecutionCompleted,
      EventType.ChildWorkflowExecutionFailed,
      EventType.ChildWorkflowExecutionCanceled,
      EventType.ChildWorkflowExecutionTerminated,
      EventType.ChildWorkflowExecutionTimedOut,
      EventType.StartChildWorkflowExecutionFailed,
    ]);
    for (const e of chain.flatMap((r) => r.events)) {
      if (e.eventType === EventType.StartChildWorkflowExecutionInitiated) max = Math.max(max, ++open);
      else if (closing.has(Number(e.eventType))) open--;
    }
    return max;
  }
});
