/**
 * Quick tier. Proves the Build a monorepo page's main-side service: `inspect` shows a workspace's
 * packages and build graph with the page's settings (filter, edge kinds), names a cycle with the
 * page's own setting to fix it and drops the dev edges that close it when asked, names duplicate
 * names and malformed package.json; `build` refuses a folder outside the chooser's roots, starts
 * nothing in a folder not yet open without the user's consent, and with it opens the workspace,
 * stores the definition through the CLI's service (idempotent: the same settings reuse it) and
 * starts it through the launcher with the folder as `workspaceRoot`. (The real run is the E2E's.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord, StoredDefinition } from '../../../src/core/ipc';
import { contract } from '../../../src/core/ipc/contract';
import { WorkerPolicySettings } from '../../../src/main/app/worker-policy-settings';
import type { RunLauncher } from '../../../src/main/ipc/handlers/runs-handlers';
import { MonorepoBuildService } from '../../../src/main/monorepo-build/monorepo-build-service';
import { openStore } from '../../../src/main/store';
import { tempDir } from '../activities/helpers';

const FIXTURES = path.resolve('tests/fixtures/workspaces');

function setup() {
  const home = fs.realpathSync(tempDir('wb-build-ui-'));
  for (const name of ['ui-small', 'pnpm-dev-cycle', 'duplicate-names', 'malformed-json'])
    fs.cpSync(path.join(FIXTURES, name), path.join(home, name), { recursive: true });
  const store = openStore(path.join(home, 'wb.db'));
  const policy = new WorkerPolicySettings(store.settings);
  const started: Array<{ definition: StoredDefinition; input: Record<string, unknown> }> = [];
  const launcher: RunLauncher = {
    start: (definition, input) => {
      started.push({ definition, input });
      return Promise.resolve({ workflowId: `wf-${started.length}` } as RunRecord);
    },
    retry: () => Promise.reject(new Error('not used')),
  };
  const service = new MonorepoBuildService({ store, launcher, policy, dataDir: home, chooserRoots: [home] });
  return { home, store, policy, started, service };
}

const graph = (settings: object = {}) =>
  contract['monorepo.inspect'].request.parse({ root: '/x', settings }).settings;
const buildRequest = (request: object) =>
  contract['monorepo.build'].request.parse({ settings: { concurrency: 2, scripts: ['build'] }, ...request });

describe('MonorepoBuildService.inspect', () => {
  it('shows the packages, the build-order edges and layers, with the filter and edge kinds', async () => {
    const { home, service } = setup();
    const root = path.join(home, 'ui-small');
    const all = await service.inspect(root, graph());
    expect(all).toMatchObject({ root, ok: true, problems: [], open: false });
    expect(all.packages.map((p) => `${p.name}:${p.dir}`)).toEqual([
      '@ui/app:packages/app',
      '@ui/base:packages/base',
      '@ui/left:packages/left',
      '@ui/right:packages/right',
    ]);
    expect(all.layers).toEqual([['@ui/base'], ['@ui/left', '@ui/right'], ['@ui/app']]);
    expect(all.edges).toContainEqual({ from: '@ui/app', to: '@ui/right', kind: 'dev' });

    const noDev = await service.inspect(root, graph({ edgeKinds: ['dependency'] }));
    expect(noDev.edges).not.toContainEqual(expect.objectContaining({ kind: 'dev' }));
    const filtered = await service.inspect(root, graph({ filter: ['@ui/left'] }));
    expect(filtered.selected.sort()).toEqual(['@ui/base', '@ui/left']);
  });

  it('names a cycle with the setting that fixes it, and drops the closing dev edges when asked', async () => {
    const { home, service } = setup();
    const root = path.join(home, 'pnpm-dev-cycle');
    const bad = await service.inspect(root, graph());
    expect(bad.ok).toBe(false);
    expect(bad.problems.join('\n')).toMatch(/→.*\(dev\)/);
    expect(bad.problems.join('\n')).toContain('Drop dev edges that close a cycle');
    const fixed = await service.inspect(root, graph({ breakDevCycles: true }));
    expect(fixed.ok).toBe(true);
    expect(fixed.droppedEdges.length).toBeGreaterThan(0);
  });

  it('names duplicate package names and a malformed package.json', async () => {
    const { home, service } = setup();
    const dup = await service.inspect(path.join(home, 'duplicate-names'), graph());
    expect(dup.ok).toBe(false);
    expect(dup.problems.join('\n')).toMatch(
      /packages\/first.*packages\/second|packages\/second.*packages\/first/s,
    );
    const malformed = await service.inspect(path.join(home, 'malformed-json'), graph());
    expect(malformed.problems.join('\n')).toMatch(/package\.json:\d+:\d+/);
  });
});

describe('MonorepoBuildService.build', () => {
  it('refuses outside folders, asks before opening a workspace, then stores and starts the build', async () => {
    const { home, store, policy, started, service } = setup();
    const root = path.join(home, 'ui-small');
    await expect(service.build(buildRequest({ root: path.dirname(home) }))).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(service.build(buildRequest({ root }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(policy.workspaces()).toEqual([]);
    expect(started).toEqual([]);

    const record = await service.build(buildRequest({ root, openWorkspace: true }));
    expect(record.workflowId).toBe('wf-1');
    expect(policy.workspaces()).toEqual([root]);
    expect(started[0]!.input).toEqual({ workspaceRoot: root });
    expect(started[0]!.definition.name).toBe('Build monorepo N=2 build');

    // Open now: no consent needed; same settings reuse the stored definitions.
    const before = store.definitions.list().length;
    await service.build(buildRequest({ root }));
    expect(store.definitions.list().length).toBe(before);
    expect(started[1]!.definition.id).toBe(started[0]!.definition.id);
  });

  it('refuses a folder that cannot be built, naming why', async () => {
    const { home, service } = setup();
    await expect(
      service.build(buildRequest({ root: path.join(home, 'pnpm-dev-cycle'), openWorkspace: true })),
    ).rejects.toThrow(/Cannot build .*cycle/);
  });
});
