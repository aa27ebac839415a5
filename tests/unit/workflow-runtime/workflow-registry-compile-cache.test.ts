// The WorkflowRegistry with a CompileCache (issue 12): a second process over the same data folder
// (a new registry on the same store) reuses the first one's compiled project instead of compiling;
// a new version of a referenced child or another default task queue is compiled again, so what the
// worker loads is always what the compiler would produce.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import type { Store } from '../../../src/main/store';
import type { BundleCache, BundleResult } from '../../../src/main/workflow-runtime/bundle-cache';
import type { GeneratedProject } from '../../../src/main/workflow-runtime/assemble';
import { CompileCache } from '../../../src/main/workflow-runtime/compile-cache';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import type { ProjectCompilerBinding } from '../../../src/main/workflow-runtime/compiler-port';
import { WorkflowRegistry } from '../../../src/main/workflow-runtime/workflow-registry';
import { open, tempDir } from '../store/helpers';

const example = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), 'utf8'),
  ) as Record<string, unknown>;

/** The example PackageBuilder and its PackageBuild child, saved; the parent refers to the child's head. */
function savedExample(store: Store): StoredDefinition {
  const child = store.definitions.save({ definition: example('package-build.json') });
  const text = JSON.stringify(example('package-builder.json')).replace(
    '"definitionId":"package-build"',
    `"definitionId":"${child.id}"`,
  );
  const parent = store.definitions.save({ definition: JSON.parse(text) });
  return store.definitions.get(parent.id);
}

/** One "process": a registry over `store` with a counting compiler and bundler. */
function processOver(store: Store, dataDir: string, defaultTaskQueue = 'builds') {
  const counts = { compiles: 0 };
  const bundled: GeneratedProject[] = [];
  const compiler: ProjectCompilerBinding = {
    workflowIdentity: defaultCompiler.workflowIdentity,
    compileProject: (inputs, options) => {
      counts.compiles += 1;
      return defaultCompiler.compileProject(inputs, options);
    },
  };
  const bundles = {
    bundle: (project: GeneratedProject): Promise<BundleResult> => {
      bundled.push(project);
      return Promise.resolve({
        hash: String(bundled.length),
        path: '/dev/null',
        cacheHit: true,
        durationMs: 0,
      });
    },
  } as unknown as BundleCache;
  const registry = new WorkflowRegistry({
    store,
    compiler,
    bundles,
    runtimeFiles: () => Promise.resolve({}),
    defaultTaskQueue,
    workerHost: { restart: () => Promise.resolve() },
    compileCache: new CompileCache({ dataDir, fingerprint: 'test-compiler' }),
  });
  return { registry, counts, bundled };
}

/** A data folder with its store (both removed after the test by the store helpers). */
function fixture(): { store: Store; dataDir: string } {
  const dataDir = tempDir();
  return { store: open(join(dataDir, 'app.db')), dataDir };
}

describe('WorkflowRegistry with a compile cache', () => {
  it('a second process reuses the compiled project: no compilation, the same files and workflow', async () => {
    const { store, dataDir } = fixture();
    const parent = savedExample(store);
    const first = processOver(store, dataDir);
    const workflow = await first.registry.ensure(parent);
    expect(first.counts.compiles).toBeGreaterThan(0);

    const second = processOver(store, dataDir);
    expect(await second.registry.ensure(parent)).toEqual(workflow);
    expect(second.counts.compiles).toBe(0);
    expect(second.bundled[0]!.files).toEqual(first.bundled[0]!.files);
    expect(second.registry.loaded()).toEqual(first.registry.loaded());
  });

  it('compiles again when a referenced child has a new version (the head is part of the key)', async () => {
    const { store, dataDir } = fixture();
    const parent = savedExample(store);
    await processOver(store, dataDir).registry.ensure(parent);
    // The example's child is the first definition saved (savedExample).
    const childId = store.definitions.list().find((d) => d.id !== parent.id)!.id;
    const child = store.definitions.get(childId);
    store.definitions.save({ id: childId, definition: { ...child.definition, description: 'edited' } });

    const next = processOver(store, dataDir);
    await next.registry.ensure(parent);
    expect(next.counts.compiles).toBeGreaterThan(0);
  });

  it('compiles again for another default task queue (the CLI --task-queue)', async () => {
    const { store, dataDir } = fixture();
    const parent = savedExample(store);
    await processOver(store, dataDir, 'builds').registry.ensure(parent);
    const other = processOver(store, dataDir, 'other-queue');
    await other.registry.ensure(parent);
    expect(other.counts.compiles).toBeGreaterThan(0);
  });
});
