// Full tier: the PackageBuilder demo (examples/package-builder.json, 20 packages, real estimated
// durations) and a 200-package run at N = 16 with several continue-as-new, both checked for
// exactly-N from history only.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExactlyN, fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { compilerAdapter, layeredPackages, packageBuildDefinition } from './scenario';

type Dependency = string | { name: string };
interface ExamplePackage {
  name: string;
  dependencies?: Dependency[];
}

describe('PackageBuilder at scale (full tier)', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(compilerAdapter.compiler, 'scale');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the demo definition builds its 20 packages 4 at a time, one failure blocking only its dependents', async () => {
    const example = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../examples/package-builder.json', import.meta.url)), 'utf8'),
    ) as {
      nodes: Array<{ id: string; kind: string; data: Record<string, unknown> }>;
    };
    const child = h.store.definitions.save({ definition: packageBuildDefinition() });
    const loop = example.nodes.find((n) => n.kind === 'dynamicLoop')!;
    loop.data.child = { definitionId: child.id };
    loop.data.retryWindowMs = 0;
    const graphNode = example.nodes.find((n) => n.kind === 'dependencyGraph')!;
    const packages = (graphNode.data.source as { packages: ExamplePackage[] }).packages.map((p) => ({
      name: p.name,
      dependencies: (p.dependencies ?? []).map((d) => (typeof d === 'string' ? d : d.name)),
    }));
    const saved = h.store.definitions.save({ definition: example });
    const t0 = Date.now();
    const record = await h.launcher.start(h.store.definitions.get(saved.id), {
      failures: { '@acme/search': 'index schema mismatch' },
    });
    await h.monitor.settled(record.workflowId);
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    const report = checkExactlyN(record.workflowId, chain, packages, 4);
    console.log(
      `demo: ${Date.now() - t0} ms, ${report.checkpoints} checkpoints, max in flight ${report.maxInFlight}`,
    );
    expect(report.violations).toEqual([]);
    expect(report.failed).toEqual(['@acme/search']);
    const state = h.monitor.lastState(record.workflowId)!;
    expect(state.blocked.map((b) => b.name).sort()).toEqual([
      '@acme/api-server',
      '@acme/e2e-tests',
      '@acme/web-app',
    ]);
    expect(state.completed).toHaveLength(16);
    expect(h.store.runs.get(record.workflowId).status).toBe('failed');
  }, 120_000);

  it('200 packages at N = 16 across several continue-as-new: exactly N, nothing lost, nothing rebuilt', async () => {
    const packages = layeredPackages(200, 20, (i) => 20 + ((i * 13) % 31));
    const { definition, input } = compilerAdapter.prepare(h.store, {
      packages,
      maxConcurrent: 16,
      historyThreshold: 200,
    });
    const t0 = Date.now();
    const record = await h.launcher.start(definition, input);
    await h.monitor.settled(record.workflowId);
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    const report = checkExactlyN(record.workflowId, chain, packages, 16);
    const stats = h.monitor.stats(record.workflowId);
    console.log(
      `200 packages: ${Date.now() - t0} ms, ${chain.length} runs, starts ${report.startsPerRun.join('/')}, monitor ${JSON.stringify(stats)}`,
    );
    expect(report.violations).toEqual([]);
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect(report.completed).toHaveLength(200);
    expect(report.startsPerRun.reduce((a, b) => a + b, 0)).toBe(200);
    expect(stats.queries).toBeLessThanOrEqual(stats.historyEvents + stats.reconnects);
    expect(h.store.runs.get(record.workflowId).status).toBe('completed');
  }, 300_000);
});
