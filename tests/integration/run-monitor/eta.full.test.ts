// Full tier (80-120 s: two runs of the demo, longer under load), real shared dev server. Proves the run page's ETA on the demo: the
// PackageBuilder example (20 packages, N = 4, no injected failures) runs once, so its build history
// is stored; on the second run (the launcher passes that history as estimatedDurationsMs, the
// schedule simulation uses it), the ETA the run page computes from the live view — the same
// function the page calls — is within ±20 % of the real remaining time (floor 2 s) when 25, 50 and
// 75 % of the packages are done. Remaining time is measured to the parent's close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageBuilderJson from '../../../examples/package-builder.json';
import { rewriteDefinitionRefs } from '../../../src/main/examples/example-library';
import { runGraphOf } from '../../../src/main/run-view/run-graph';
import { buildRunGraphModel, remainingEstimate } from '../../../src/renderer/src/lib/run-graph-model';
import { isDoneStatus } from '../../../src/core/run-status';
import { createRuntimeHarness, type RuntimeHarness } from '../package-builder/runtime-harness';
import { packageBuildDefinition, scenarioAdapter } from '../package-builder/scenario';

/** The share of packages done at which the ETA is checked. */
const CHECKPOINTS = [0.25, 0.5, 0.75];

describe('ETA on a second run of the demo', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(scenarioAdapter.compiler, 'eta');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is within ±20 % (floor 2 s) of the real remaining time at 25, 50 and 75 % done', async () => {
    // The example as shipped, its child on this test's own task queue.
    const child = h.store.definitions.save({ definition: packageBuildDefinition() as never });
    const parent = h.store.definitions.save({
      definition: rewriteDefinitionRefs(packageBuilderJson, new Map([['package-build', child.id]])) as never,
    });
    const definition = h.store.definitions.get(parent.id);
    const model = buildRunGraphModel(runGraphOf(definition)!);

    const first = await h.launcher.start(definition, {});
    await h.monitor.settled(first.workflowId);
    expect(h.store.runs.get(first.workflowId).status).toBe('completed');

    const second = await h.launcher.start(definition, {});
    const w = second.workflowId;
    const total = model.nodes.length;
    const samples: Array<{ share: number; at: number; etaMs: number }> = [];
    const off = h.bus.subscribe((event, payload) => {
      if (event !== 'runs.state' || (payload as { workflowId: string }).workflowId !== w) return;
      const view = h.monitor.snapshot(w)?.view;
      if (!view) return;
      const done = Object.values(view.packages).filter((p) => isDoneStatus(p.status)).length;
      for (const share of CHECKPOINTS) {
        if (done / total < share || samples.some((s) => s.share === share)) continue;
        const now = Date.now();
        const estimate = remainingEstimate(model, view, now);
        if (estimate) samples.push({ share, at: now, etaMs: estimate.remainingMs });
      }
    });
    try {
      await h.monitor.settled(w);
    } finally {
      off();
    }
    const record = h.store.runs.get(w);
    expect(record.status).toBe('completed');
    // The second run was fed the first one's measured durations, not the definition's estimates.
    const declared = new Map(runGraphOf(definition)!.packages.map((p) => [p.name, p.estimatedDurationMs]));
    const fed = h.monitor.lastState(w)!.eta.estimatedDurationsMs;
    expect(Object.keys(fed)).toHaveLength(total);
    expect(Object.entries(fed).filter(([name, ms]) => ms !== declared.get(name)).length).toBeGreaterThan(
      total / 2,
    );
    const end = Date.parse(record.closedAt!);
    const table = samples.map((s) => {
      const actualMs = end - s.at;
      const toleranceMs = Math.max(2000, 0.2 * actualMs);
      return { share: s.share, etaMs: s.etaMs, actualMs, errorMs: s.etaMs - actualMs, toleranceMs };
    });
    console.table(table);
    const last = h.monitor.lastState(w)!;
    console.log(`packages finished ${last.finishedAt ?? '?'}; run closed ${record.closedAt ?? '?'}`);
    if (process.env.WB_TEST_VERBOSE) {
      const before = new Map(h.monitor.lastState(first.workflowId)!.completed.map((c) => [c.name, c.durationMs]));
      const after = h.monitor.lastState(w)!.completed;
      console.table(after.map((c) => ({ name: c.name, first: before.get(c.name), second: c.durationMs })));
    }
    expect(table.map((r) => r.share)).toEqual(CHECKPOINTS);
    for (const row of table)
      expect(Math.abs(row.errorMs), `at ${row.share * 100} % done`).toBeLessThanOrEqual(row.toleranceMs);
  }, 180_000);
});
