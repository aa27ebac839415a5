// Tier: full (real dev server, time-scaled: builds take milliseconds; about 3-5 min on a loaded
// 2-core machine, printed per scenario and for the suite). The milestone's six PackageBuilder
// scenarios on real compiled runs, each checked from the parent's history (history-check.ts:
// exactly N in flight whenever N are ready, dependency order, nothing completed built twice) and
// from the run's final state:
//   1. happy path: the demo definition's 20 packages, all built;
//   2. 3 of 20 fail and the rest complete;
//   3. a dependency failure blocks exactly its (transitive) dependents;
//   4. 50 packages at N = 1, 4 and 8: exactly N in flight whenever N are ready;
//   5. a cycle fails the run before anything builds, naming the cycle;
//   6. a long run (200 packages at N = 16) forced through at least three continue-as-new.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import { EventType } from '../../../src/main/run-monitor/history-events';
import { checkExactlyN, fetchChain, type ExactlyNReport } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { compilerAdapter, layeredPackages, packageBuildDefinition, type PackageScenario } from './scenario';

/** The demo's estimated durations (300–4000 ms) are divided by this: the whole demo takes ~2 s at N = 4. */
const TIME_SCALE = 10;

type Dependency = string | { name: string };
interface ExamplePackage {
  name: string;
  estimatedDurationMs: number;
  dependencies?: Dependency[];
}
interface ExampleNode {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

/** Every package that depends on `failed`, directly or through others: what its failure must block. */
function dependentsOf(
  failed: string,
  packages: ReadonlyArray<{ name: string; dependencies?: string[] }>,
): string[] {
  const found = new Set<string>();
  const stack = [failed];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const p of packages)
      if (!found.has(p.name) && (p.dependencies ?? []).includes(current)) {
        found.add(p.name);
        stack.push(p.name);
      }
  }
  return [...found].sort();
}

describe('PackageBuilder: the six milestone scenarios (full tier, time-scaled)', () => {
  let h: RuntimeHarness;
  let suiteStart = 0;
  const durations: string[] = [];
  beforeAll(async () => {
    suiteStart = Date.now();
    h = await createRuntimeHarness(compilerAdapter.compiler, 'milestone');
  });
  afterAll(async () => {
    await h?.close();
    console.log(
      `milestone scenarios: ${((Date.now() - suiteStart) / 1000).toFixed(1)} s in all (${durations.join('; ')})`,
    );
  });

  /** Runs `fn`, noting its duration for the suite's summary line. */
  async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      const line = `${label} ${((Date.now() - t0) / 1000).toFixed(1)} s`;
      durations.push(line);
      console.log(`scenario ${line}`);
    }
  }

  /** The demo definition (examples/package-builder.json), time-scaled, with a fresh PackageBuild child. */
  function demo(): {
    definition: StoredDefinition;
    packages: Array<{ name: string; dependencies: string[] }>;
  } {
    const example = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../examples/package-builder.json', import.meta.url)), 'utf8'),
    ) as { nodes: ExampleNode[] };
    const child = h.store.definitions.save({ definition: packageBuildDefinition() });
    const loop = example.nodes.find((n) => n.kind === 'dynamicLoop')!;
    loop.data.child = { definitionId: child.id };
    loop.data.retryWindowMs = 0;
    const source = example.nodes.find((n) => n.kind === 'dependencyGraph')!.data.source as {
      packages: ExamplePackage[];
    };
    for (const p of source.packages) p.estimatedDurationMs = Math.round(p.estimatedDurationMs / TIME_SCALE);
    const saved = h.store.definitions.save({ definition: example });
    const packages = source.packages.map((p) => ({
      name: p.name,
      dependencies: (p.dependencies ?? []).map((d) => (typeof d === 'string' ? d : d.name)),
    }));
    return { definition: h.store.definitions.get(saved.id, saved.version), packages };
  }
  let demoDefinition: ReturnType<typeof demo> | undefined;

  /** Starts a run, waits for its close, and checks its history. */
  async function runToEnd(
    definition: StoredDefinition,
    input: Record<string, unknown>,
    packages: Array<{ name: string; dependencies?: string[] }>,
    n: number,
  ) {
    const record = await h.launcher.start(definition, input);
    await h.monitor.settled(record.workflowId);
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    const report: ExactlyNReport = checkExactlyN(record.workflowId, chain, packages, n);
    return {
      record: h.store.runs.get(record.workflowId),
      state: h.monitor.lastState(record.workflowId)!,
      chain,
      report,
    };
  }

  async function runScenario(scenario: PackageScenario) {
    const { definition, input } = compilerAdapter.prepare(h.store, scenario);
    // The version prepare chose (not the latest: each loop setting is its own version).
    return runToEnd(definition, input, scenario.packages, scenario.maxConcurrent ?? 4);
  }

  it('1. happy path: the demo definition builds its 20 packages, 4 at a time, in dependency order', async () => {
    await timed('1 (happy path, 20 packages)', async () => {
      demoDefinition ??= demo();
      const { record, state, report } = await runToEnd(
        demoDefinition.definition,
        {},
        demoDefinition.packages,
        4,
      );
      expect(report.violations).toEqual([]);
      expect(report.startsChecked).toBe(20);
      expect(report.maxInFlight).toBe(4);
      expect(report.completed).toHaveLength(20);
      expect(state.totals).toMatchObject({ packages: 20, completed: 20, failed: 0, blocked: 0 });
      expect(record.status).toBe('completed');
    });
  }, 180_000);

  it('2. 3 of 20 fail and the rest complete', async () => {
    await timed('2 (3 of 20 fail)', async () => {
      // The last layer (pkg15…pkg19) has no dependents: its failures block nothing.
      const failing = ['pkg15', 'pkg17', 'pkg19'];
      const packages = layeredPackages(20, 5, (i) => 20 + ((i * 37) % 61)).map((p) =>
        failing.includes(p.name) ? { ...p, failWith: `${p.name}: tsc found 3 errors` } : p,
      );
      const { record, state, report } = await runScenario({ packages, maxConcurrent: 4 });
      expect(report.violations).toEqual([]);
      expect(report.failed).toEqual(failing);
      expect(state.failed.map((f) => f.name).sort()).toEqual(failing);
      expect(state.failed.find((f) => f.name === 'pkg17')!.error).toBe('pkg17: tsc found 3 errors');
      expect(state.blocked).toEqual([]);
      expect(state.completed).toHaveLength(17);
      expect(record.status).toBe('failed');
      expect(String((record.summary as { error?: string }).error)).toMatch(/3 of 20 packages failed/);
    });
  }, 180_000);

  it('3. a dependency failure blocks exactly its dependents (the demo, @acme/db failing)', async () => {
    await timed('3 (dependency failure)', async () => {
      demoDefinition ??= demo();
      const { packages } = demoDefinition;
      const { record, state, report } = await runToEnd(
        demoDefinition.definition,
        { failures: { '@acme/db': 'migration 042 failed' } },
        packages,
        4,
      );
      const expected = dependentsOf('@acme/db', packages);
      expect(expected).toEqual([
        '@acme/api-server',
        '@acme/auth',
        '@acme/billing',
        '@acme/e2e-tests',
        '@acme/search',
        '@acme/web-app',
        '@acme/worker',
      ]);
      expect(report.violations).toEqual([]);
      expect(report.failed).toEqual(['@acme/db']);
      expect(state.blocked.map((b) => b.name).sort()).toEqual(expected);
      // Every other package was built; none of the blocked ones was even started.
      expect(state.completed.map((c) => c.name).sort()).toEqual(
        packages
          .map((p) => p.name)
          .filter((name) => name !== '@acme/db' && !expected.includes(name))
          .sort(),
      );
      expect(report.startsChecked).toBe(20 - expected.length);
      expect(record.status).toBe('failed');
    });
  }, 180_000);

  for (const n of [1, 4, 8]) {
    it(`4. 50 packages at N = ${n}: exactly N in flight whenever N are ready, in dependency order`, async () => {
      await timed(`4 (50 packages, N = ${n})`, async () => {
        const packages = layeredPackages(50, 10, (i) => 20 + ((i * 13) % 41));
        const { record, report } = await runScenario({ packages, maxConcurrent: n });
        expect(report.violations).toEqual([]);
        expect(report.maxInFlight).toBe(n);
        expect(report.startsChecked).toBe(50);
        expect(report.completed).toHaveLength(50);
        expect(report.checkpoints).toBeGreaterThanOrEqual(Math.ceil(50 / n));
        expect(record.status).toBe('completed');
      });
    }, 240_000);
  }

  it('5. a cycle fails the run gracefully before anything builds, naming the cycle', async () => {
    await timed('5 (cycle)', async () => {
      const packages: PackageScenario['packages'] = [
        { name: 'core', dependencies: ['utils'], simulatedDurationMs: 10 },
        { name: 'utils', dependencies: ['logger'], simulatedDurationMs: 10 },
        { name: 'logger', dependencies: ['core'], simulatedDurationMs: 10 },
        { name: 'app', dependencies: ['core'], simulatedDurationMs: 10 },
        { name: 'free', simulatedDurationMs: 10 },
      ];
      const { record, chain } = await runScenario({ packages, maxConcurrent: 4 });
      expect(record.status).toBe('failed');
      const error = String((record.summary as { error?: string }).error);
      expect(error).toMatch(/cycle/i);
      expect(error).toMatch(
        /(core → utils → logger → core|utils → logger → core → utils|logger → core → utils → logger)/,
      );
      const events = chain.flatMap((r) => r.events);
      expect(events.some((e) => e.eventType === EventType.StartChildWorkflowExecutionInitiated)).toBe(false);
      // Graceful: the workflow failed with that message (no stuck workflow task, no retries).
      expect(events.at(-1)!.eventType).toBe(EventType.WorkflowExecutionFailed);
      expect(events.filter((e) => e.eventType === EventType.WorkflowTaskFailed)).toEqual([]);
    });
  }, 180_000);

  it('6. a long run is forced through ≥ 3 continue-as-new: 200 packages at N = 16, nothing lost or rebuilt', async () => {
    await timed('6 (200 packages, continue-as-new)', async () => {
      const packages = layeredPackages(200, 20, (i) => 20 + ((i * 13) % 31));
      const { record, state, chain, report } = await runScenario({
        packages,
        maxConcurrent: 16,
        historyThreshold: 200,
      });
      const stats = h.monitor.stats(record.workflowId);
      console.log(
        `200 packages: ${chain.length} runs, starts ${report.startsPerRun.join('/')}, monitor ${JSON.stringify(stats)}`,
      );
      expect(report.violations).toEqual([]);
      expect(chain.length).toBeGreaterThanOrEqual(4); // ≥ 3 continue-as-new
      expect(report.completed).toHaveLength(200);
      expect(report.startsPerRun.reduce((a, b) => a + b, 0)).toBe(200);
      expect(state.completed).toHaveLength(200);
      expect(state.continueAsNew.generation).toBe(chain.length - 1);
      expect(stats.queries).toBeLessThanOrEqual(stats.historyEvents + stats.reconnects);
      expect(record.status).toBe('completed');
    });
  }, 300_000);
});
