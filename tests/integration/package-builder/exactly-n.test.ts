// "Exactly N" checked from the parent's history only, and continue-as-new under a small history
// threshold: state kept, no package lost, the chain's runs counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../../../src/core/graph';
import { attemptsFromHistory } from '../../../src/main/run-monitor/history-attempts';
import { checkExactlyN, fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { layeredPackages, scenarioAdapter } from './scenario';

describe(`exactly N and continue-as-new (${scenarioAdapter.name} project)`, () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(scenarioAdapter.compiler, 'exactly-n');
  });
  afterAll(async () => {
    await h?.close();
  });

  // 20 packages in 4 layers of 5, durations 50–300 ms.
  const packages = layeredPackages(20, 5, (i) => 50 + ((i * 37) % 251));

  it('20 packages at N = 4: after every workflow task, min(N, ready-or-running) children are in flight', async () => {
    const { definition, input } = scenarioAdapter.prepare(h.store, { packages, maxConcurrent: 4 });
    const started = await h.launcher.start(definition, input);
    await h.monitor.settled(started.workflowId);
    expect(h.store.runs.get(started.workflowId).status).toBe('completed');
    const chain = await fetchChain(h.client, started.workflowId, started.runId);
    expect(chain).toHaveLength(1);
    const report = checkExactlyN(started.workflowId, chain, packages, 4);
    expect(report.violations).toEqual([]);
    expect(report.checkpoints).toBeGreaterThan(10);
    expect(report.maxInFlight).toBe(4);
    expect(report.startsChecked).toBe(20); // each start came after its dependencies completed
    expect(report.completed).toHaveLength(20);
    // The run summary from the same history: the 4 slots were full at some point, and the run
    // cannot beat its lower bound.
    const summary = summarizeRun({
      packages,
      slots: 4,
      attempts: attemptsFromHistory(
        started.workflowId,
        chain.map((r) => r.events),
      ),
    });
    expect(summary.totals.completed).toBe(20);
    expect(summary.utilisation?.max).toBe(1);
    expect(summary.makespanMs!).toBeGreaterThanOrEqual(summary.lowerBoundMs);
    console.log(
      `20 packages at N = 4: makespan ${summary.makespanMs} ms, lower bound ${Math.round(summary.lowerBoundMs)} ms ` +
        `(critical path ${summary.criticalPath.lengthMs} ms, work ${summary.workMs} ms / 4), utilisation ` +
        `avg ${summary.utilisation!.average.toFixed(2)} max ${summary.utilisation!.max} p95 ${summary.utilisation!.p95}`,
    );
  }, 120_000);

  it('continue-as-new forced by a small threshold: ≥ 3 times, state kept, no package lost or rebuilt', async () => {
    // 90 packages at the smallest threshold the schema allows (100 events): ~25 packages per run.
    const packages = layeredPackages(90, 9, (i) => 50 + ((i * 29) % 31));
    const { definition, input } = scenarioAdapter.prepare(h.store, {
      packages,
      maxConcurrent: 4,
      historyThreshold: 100,
    });
    const started = await h.launcher.start(definition, input);
    await h.monitor.settled(started.workflowId);
    const chain = await fetchChain(h.client, started.workflowId, started.runId);
    expect(chain.length).toBeGreaterThanOrEqual(4); // ≥ 3 continue-as-new
    const report = checkExactlyN(started.workflowId, chain, packages, 4);
    expect(report.violations).toEqual([]);
    expect(report.drainCheckpoints).toBeGreaterThan(0);
    expect(report.completed).toHaveLength(90);
    expect(report.startsPerRun.reduce((a, b) => a + b, 0)).toBe(90); // each package built exactly once
    // The final state carries every package across the generations.
    const state = h.monitor.lastState(started.workflowId)!;
    expect(state.completed.map((c) => c.name).sort()).toEqual(packages.map((p) => p.name).sort());
    expect(state.continueAsNew.generation).toBe(chain.length - 1);
    // The store indexed the whole chain: one row per run, all but the last continued-as-new.
    const rows = h.store.runs.list({ limit: 500 }).filter((r) => r.workflowId === started.workflowId);
    expect(rows).toHaveLength(chain.length);
    expect(rows.filter((r) => r.status === 'continued_as_new')).toHaveLength(chain.length - 1);
    expect(h.store.runs.get(started.workflowId).status).toBe('completed');
    console.log(
      `continue-as-new chain: ${chain.length} runs, starts per run ${report.startsPerRun.join('/')}, drain checkpoints ${report.drainCheckpoints}`,
    );
  }, 120_000);
});
