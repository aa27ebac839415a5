// Tier: unit (quick). The definitions `workflow-builder build` stores: the PackageBuilder example
// reading the workspace of the run input and set from the options (a valid definition anyone can
// open on the canvas), saved idempotently — building twice with the same options reuses them, other
// options add only a parent of their own, never a second child.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/core/definition';
import { storeMonorepoBuild, type MonorepoBuildSettings } from '../../../src/main/examples/monorepo-build';
import { open } from './helpers';

const settings: MonorepoBuildSettings = {
  concurrency: 8,
  scripts: ['build', 'test'],
  failFast: false,
  filter: [],
  retryWindowMs: 0,
  breakDevCycles: false,
};

describe('storeMonorepoBuild', () => {
  it('stores the PackageBuilder example reading the workspace, with the loop set from the options', () => {
    const store = open();
    const { definitions } = storeMonorepoBuild(store, {
      ...settings,
      edgeKinds: ['dependency', 'peer'],
      filter: ['@acme/*'],
      failFast: true,
      retryWindowMs: 30_000,
    });
    const [child, parent] = definitions;
    expect(child!.name).toBe('PackageBuild');
    expect(parent!.name).toMatch(/^Build monorepo N=8 build\+test fail-fast [0-9a-f]{6}$/);
    const stored = store.definitions.get(parent!.id).definition;
    expect(validateDefinition(stored).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(stored.nodes.find((n) => n.kind === 'dependencyGraph')?.data).toEqual({
      source: { type: 'workspace', root: { $ref: '$input.workspaceRoot' } },
      edgeKinds: ['dependency', 'peer'],
      filter: ['@acme/*'],
    });
    expect(stored.nodes.find((n) => n.kind === 'dynamicLoop')?.data).toMatchObject({
      child: { definitionId: child!.id },
      maxConcurrent: 8,
      failFast: true,
      retryWindowMs: 30_000,
      childInput: { workspaceRoot: { $ref: '$input.workspaceRoot' }, scripts: ['build', 'test'] },
    });
    expect(stored.settings?.inputs?.map((i) => i.name)).toEqual(['workspaceRoot']);
  });

  it('is idempotent, and other options add only their own parent', () => {
    const store = open();
    const first = storeMonorepoBuild(store, settings);
    const again = storeMonorepoBuild(store, settings);
    expect(again.alreadyLoaded).toBe(true);
    expect(again.definitions.map((d) => d.id)).toEqual(first.definitions.map((d) => d.id));
    const other = storeMonorepoBuild(store, { ...settings, concurrency: 2 });
    expect(other.definitions[0]!.id).toBe(first.definitions[0]!.id);
    expect(other.definitions[1]!.name).toBe('Build monorepo N=2 build+test');
    expect(store.definitions.list()).toHaveLength(3);
  });
});
