// The runtime (assembly → bundle cache → registry → worker → launcher → monitor) on the shared
// dev server, driven by the hand-written fixture project (tests/integration/package-builder/fixtures).
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleCache } from '../../../src/main/workflow-runtime/bundle-cache';
import type { RunStateUpdate } from '../../../src/main/run-monitor/run-monitor';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { fixtureCompiler } from './fixture-compiler';

const def = (name: string) => ({
  schemaVersion: 1 as const,
  name,
  nodes: [{ id: 'start', kind: 'start', data: {} }],
  edges: [],
  settings: {},
});

describe('runtime with the fixture project', () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await createRuntimeHarness(fixtureCompiler, 'rt-fixture');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('bundles once, runs a parent with 3 children, monitors it to the end', async () => {
    const saved = h.store.definitions.save({ definition: def('PackageBuilder') });
    const stored = h.store.definitions.get(saved.id);
    const updates: RunStateUpdate[] = [];
    const t0 = performance.now();
    const record = await h.launcher.start(stored, {
      packages: [
        { name: 'a', simulatedDurationMs: 200 },
        { name: 'b', simulatedDurationMs: 250 },
        { name: 'c', simulatedDurationMs: 150 },
      ],
      maxConcurrent: 4,
    });
    const startMs = performance.now() - t0;
    h.monitor.subscribe(record.workflowId, (u) => updates.push(u));
    expect(record.status).toBe('running');
    expect(record.workflowType).toBe('PackageBuilder_v1');
    expect(record.workflowId).toMatch(/^packagebuilder-[0-9a-f]{8}$/);
    await h.monitor.settled(record.workflowId);
    const closed = h.store.runs.get(record.workflowId);
    expect(closed.status).toBe('completed');
    const last = updates.at(-1)!;
    expect(last.closed).toBe('completed');
    expect(last.state.completed.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    const stats = h.monitor.stats(record.workflowId);
    expect(stats.queries).toBeLessThanOrEqual(stats.historyEvents + stats.reconnects);
    expect(h.store.packageBuilds.durationHistory(stored.id).size).toBe(3);
    expect(h.bundles.stats.misses).toBe(1);
    console.log(
      `first start ${Math.round(startMs)} ms (bundle + worker start); monitor: ${JSON.stringify(stats)}`,
    );

    // The same definition again: bundle cache hit, no worker restart.
    const restarts = h.registry.stats.restarts;
    const t1 = performance.now();
    const again = await h.launcher.start(stored, { packages: [{ name: 'x', simulatedDurationMs: 50 }] });
    console.log(`second start ${Math.round(performance.now() - t1)} ms`);
    expect(h.registry.stats.restarts).toBe(restarts);
    await h.monitor.settled(again.workflowId);
    expect(h.store.runs.get(again.workflowId).status).toBe('completed');
  }, 120_000);

  it('the bundle cache keeps the most recently used bundles and builds', async () => {
    const dir = join(h.dataDir, 'prune-test');
    mkdirSync(join(dir, 'bundles'), { recursive: true });
    mkdirSync(join(dir, 'builds'), { recursive: true });
    const names = ['old', 'older', 'new', 'newest'];
    names.forEach((name, i) => {
      const file = join(dir, 'bundles', `${name}.js`);
      writeFileSync(file, '//');
      const t = new Date(Date.now() - [3, 4, 2, 1][i]! * 60_000);
      utimesSync(file, t, t);
      mkdirSync(join(dir, 'builds', name));
      utimesSync(join(dir, 'builds', name), t, t);
    });
    const cache = new BundleCache({ dataDir: dir, maxEntries: 2 });
    expect(await cache.prune()).toBe(4);
    expect(readdirSync(join(dir, 'bundles')).sort()).toEqual(['new.js', 'newest.js']);
    expect(readdirSync(join(dir, 'builds')).sort()).toEqual(['new', 'newest']);
    // The same project hashes to the same key whatever the order of its files.
    const runtime = { 'a.ts': 'a', 'b.ts': 'b' };
    expect(cache.keyOf({ files: { 'workflows.ts': 'x', 'shared.ts': 'y' }, runtimeFiles: runtime })).toBe(
      cache.keyOf({ files: { 'shared.ts': 'y', 'workflows.ts': 'x' }, runtimeFiles: runtime }),
    );
    expect(
      cache.keyOf({ files: { 'workflows.ts': 'x2', 'shared.ts': 'y' }, runtimeFiles: runtime }),
    ).not.toBe(cache.keyOf({ files: { 'workflows.ts': 'x', 'shared.ts': 'y' }, runtimeFiles: runtime }));
  });
});
