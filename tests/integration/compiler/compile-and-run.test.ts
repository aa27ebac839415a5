// compile → bundle → worker → run through the app's own wiring (createAppServices against the
// shared dev server) and the WorkflowRegistry's version handling: every version with open runs
// stays loaded, a bundle is swapped only when its content changes, children share the project; a
// run's close records each package's observed duration and its build's own time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, DefinitionSummary, RunRecord } from '../../../src/core/ipc';
import { createAppServices, type AppServices } from '../../../src/main/app/app-services';
import { createEnvFileSecretStore } from '../../../src/main/dev-server';
import type { OrchestrationState } from '../../../src/main/run-monitor/orchestration-state';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { createRuntimeHarness, type RuntimeHarness } from '../package-builder/runtime-harness';
import {
  compilerAdapter,
  packageBuildDefinition,
  packageBuilderDefinition,
} from '../package-builder/scenario';

const builtinWorkflows = fileURLToPath(
  new URL('../../../src/main/workflows/builtin-workflows.ts', import.meta.url),
);

describe('compile and run through the app services', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-compile-run-'));
  const taskQueue = uniqueTaskQueue('compile-run');
  let app: AppServices;
  let childId: string;

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    const reply = await app.dispatch(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }

  beforeAll(async () => {
    const { address, namespace } = sharedTemporal();
    app = createAppServices({
      dataDir,
      secrets: createEnvFileSecretStore(),
      connection: { mode: 'external', address, namespace },
      defaultTaskQueue: taskQueue,
    });
    process.env.WB_DATA_DIR = dataDir;
    await app.start();
    childId = (await call<DefinitionSummary>('definitions.save', { definition: packageBuildDefinition() }))
      .id;
  });
  afterAll(async () => {
    await app?.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('compiler.compile answers the generated code, or diagnostics as data', async () => {
    const saved = await call<DefinitionSummary>('definitions.save', {
      definition: packageBuilderDefinition(childId, { maxConcurrent: 2 }),
    });
    const ok = await call<{ code: string | null; diagnostics: Diagnostic[] }>('compiler.compile', {
      definitionId: saved.id,
    });
    expect(ok.code).toContain('export async function PackageBuilder_v1(');
    expect(ok.code).toContain('await loop.build(startPackage);');
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const broken = packageBuilderDefinition('no-such-definition', { maxConcurrent: 2 });
    const bad = await call<{ code: string | null; diagnostics: Diagnostic[] }>('compiler.compile', {
      definition: broken,
    });
    expect(bad.code).toBeNull();
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'build' }));
  });

  it('runs.start compiles, bundles, loads and starts; the monitor closes the run record', async () => {
    const saved = await call<DefinitionSummary>('definitions.save', {
      definition: packageBuilderDefinition(childId, { maxConcurrent: 2 }),
    });
    const events: string[] = [];
    const off = app.bus.subscribe((event) => events.push(event));
    const record = await call<RunRecord>('runs.start', {
      definitionId: saved.id,
      input: {
        packages: [
          { name: 'a', estimatedDurationMs: 100 },
          { name: 'b', dependencies: ['a'], estimatedDurationMs: 100 },
        ],
      },
    });
    expect(record).toMatchObject({
      status: 'running',
      workflowType: 'PackageBuilder_v1',
      taskQueue,
      definitionId: saved.id,
      definitionVersion: 1,
    });
    // The child definition was compiled into the same project and is served on its queue.
    expect(
      app
        .registry!.loaded()
        .map((w) => w.workflowType)
        .sort(),
    ).toEqual(['PackageBuild_v1', 'PackageBuilder_v1']);
    await app.monitor.settled(record.workflowId);
    off();
    expect((await call<RunRecord>('runs.get', { workflowId: record.workflowId })).status).toBe('completed');
    expect(events).toContain('runs.state');
    expect(events).toContain('runs.changed');
    const state = await call<OrchestrationState>('runs.state', { workflowId: record.workflowId });
    expect(state.completed.map((c) => c.name)).toEqual(['a', 'b']);
    // Durations recorded at the close feed the next run's estimates.
    expect(app.store.packageBuilds.durationHistory(saved.id).size).toBe(2);
    // Each build's own time, read from the child's result in the parent's history, is recorded next to
    // it: within what the parent observed (the child's overhead on top).
    for (const [name, [sample]] of app.store.packageBuilds.buildSamples(saved.id)) {
      expect(sample!.buildMs, name).toBeGreaterThan(0);
      expect(sample!.buildMs!, name).toBeLessThanOrEqual(sample!.observedMs + 1);
    }
    // A cold bundle + worker start takes 5–10 s on an idle 2-core machine, several times that under load.
  }, 90_000);

  it('keeps every version with open runs loaded; swaps the bundle only when its content changes', async () => {
    const first = await call<DefinitionSummary>('definitions.save', {
      definition: packageBuilderDefinition(childId, { maxConcurrent: 3 }),
    });
    const long = await call<RunRecord>('runs.start', {
      definitionId: first.id,
      input: { packages: [{ name: 'slow', estimatedDurationMs: 4000 }] },
    });
    const restarts = app.registry.stats.restarts;
    const misses = app.bundles.stats.misses;

    // Same definition again while its run is open: same bundle (the loaded project is reused, nothing
    // is bundled), no restart.
    const same = await call<RunRecord>('runs.start', {
      definitionId: first.id,
      input: { packages: [{ name: 'quick', estimatedDurationMs: 50 }] },
    });
    expect(app.registry.stats.restarts).toBe(restarts);
    expect(app.bundles.stats.misses).toBe(misses);
    await app.monitor.settled(same.workflowId);

    // Version 2 while version 1 still runs: both types in one bundle, one graceful restart.
    const second = await call<DefinitionSummary>('definitions.save', {
      id: first.id,
      definition: packageBuilderDefinition(childId, { maxConcurrent: 1 }),
    });
    expect(second.version).toBe(2);
    const v2 = await call<RunRecord>('runs.start', {
      definitionId: first.id,
      input: { packages: [{ name: 'x', estimatedDurationMs: 50 }] },
    });
    expect(v2.workflowType).toBe('PackageBuilder_v2');
    expect(app.registry.loaded().map((w) => w.workflowType)).toEqual(
      expect.arrayContaining(['PackageBuilder_v1', 'PackageBuilder_v2']),
    );
    expect(app.registry.stats.restarts).toBe(restarts + 1);
    await app.monitor.settled(v2.workflowId);
    await app.monitor.settled(long.workflowId);
    // The v1 run survived the worker swap.
    expect((await call<RunRecord>('runs.get', { workflowId: long.workflowId })).status).toBe('completed');
    expect((await call<RunRecord>('runs.get', { workflowId: v2.workflowId })).status).toBe('completed');
  }, 150_000);

  it('the built-in workflows run on their own queue next to the compiled ones', async () => {
    const client = await app.clients.client();
    const hello = await client.workflow.execute('helloWorkflow', {
      taskQueue: 'workflow-builder',
      workflowId: `${taskQueue}-hello`,
      args: ['compiled'],
    });
    expect(hello).toContain('Hello, compiled!');
  });
});

describe('compiled workflows on the built-in workflows task queue', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(compilerAdapter.compiler, 'shared-queue', {
      builtinFiles: { 'builtin-workflows.ts': readFileSync(builtinWorkflows, 'utf8') },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('one bundle carries both: a compiled run and helloWorkflow are served by the one worker', async () => {
    const { definition, input } = compilerAdapter.prepare(h.store, {
      packages: [{ name: 'p', simulatedDurationMs: 50 }],
    });
    const record = await h.launcher.start(definition, input);
    expect(h.registry.specs()).toEqual([
      { taskQueue: h.taskQueue, workflowBundlePath: h.registry.bundle()!.path },
    ]);
    const hello = await h.client.workflow.execute('helloWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `${h.taskQueue}-hello`,
      args: ['shared'],
    });
    expect(hello).toContain('Hello, shared!');
    await h.monitor.settled(record.workflowId);
    expect(h.store.runs.get(record.workflowId).status).toBe('completed');
  });
});
