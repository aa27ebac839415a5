// Tier: unit (quick). Migration 003: each package build records the workspace it was built in, and
// a run's estimates read only its own workspace's builds. One stored definition builds every
// monorepo the CLI is pointed at, and package names repeat across monorepos: before, a `utils` that
// builds in 10 ms in one monorepo and 5 s in another got one mixed estimate in both.
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/store';
import {
  historyEstimates,
  historyWorkspace,
  workspaceOfRun,
} from '../../../src/main/workflow-runtime/history-estimates';
import { atMinute as at, open, storeFileAtSchema } from './helpers';

describe('package build workspace (migration 003)', () => {
  it('upgrades a schema-2 file: old rows keep their history, with no workspace', () => {
    const file = storeFileAtSchema(
      2,
      "INSERT INTO package_builds (definition_id, package_name, status, duration_ms, build_ms, finished_at) VALUES ('d', 'utils', 'succeeded', 700, 600, ?)",
      at(0),
    );

    const store = open(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.packageBuilds.buildSamples('d')).toEqual(
      new Map([['utils', [{ observedMs: 700, buildMs: 600 }]]]),
    );
    expect(store.packageBuilds.buildSamples('d', undefined, 10, null).get('utils')).toHaveLength(1);
    expect(store.packageBuilds.buildSamples('d', undefined, 10, '/repos/a').size).toBe(0);
  });

  it("a run's estimates come from its own workspace's builds only", () => {
    const store = open();
    const record = (workspace: string | null, buildMs: number, m: number) =>
      store.packageBuilds.record({
        definitionId: 'd',
        packageName: 'utils',
        status: 'succeeded',
        durationMs: buildMs + 40,
        buildMs,
        finishedAt: at(m),
        workspace,
      });
    record('/repos/a', 5000, 1);
    record('/repos/b', 10, 2);
    record('/repos/a', 5200, 3);
    record('/repos/b', 12, 4);

    const a = historyEstimates(store.packageBuilds, 'd', '/repos/a')!;
    const b = historyEstimates(store.packageBuilds, 'd', '/repos/b')!;
    expect(a.utils).toBeGreaterThanOrEqual(5000);
    expect(b.utils).toBeLessThan(100);
    expect(historyEstimates(store.packageBuilds, 'd', '/repos/c')).toBeUndefined();
    expect(historyEstimates(store.packageBuilds, 'd', null)).toBeUndefined();
    // Without a workspace filter (durationHistory, the store's own view) every build counts.
    expect(store.packageBuilds.durationHistory('d').get('utils')).toHaveLength(4);
  });

  it('the workspace of a run is its `workspaceRoot` input', () => {
    expect(historyWorkspace({ workspaceRoot: '/repos/a', maxConcurrent: 4 })).toBe('/repos/a');
    expect(historyWorkspace({ packages: [] })).toBeNull();
    expect(historyWorkspace({ workspaceRoot: '' })).toBeNull();
    expect(historyWorkspace(undefined)).toBeNull();
    // A stored run keeps its input in its summary.
    expect(workspaceOfRun({ summary: { input: { workspaceRoot: '/repos/a' } } })).toBe('/repos/a');
    expect(workspaceOfRun({ summary: null })).toBeNull();
  });
});
