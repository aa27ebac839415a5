// Tier: unit (quick). Migration 002 and the build-time column of package_builds: a schema-1 file
// upgrades with its old rows kept and their build time NULL; new rows record the build's own time
// next to the observed duration (rounded, or NULL when unknown); a negative build time is refused;
// buildSamples returns both, newest first, with durationHistory unchanged.
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/store';
import { atMinute as at, open, storeFileAtSchema, thrown } from './helpers';

describe('package build time (migration 002)', () => {
  it('upgrades a schema-1 file: old rows keep their duration, build time NULL', () => {
    const file = storeFileAtSchema(
      1,
      "INSERT INTO package_builds (definition_id, package_name, status, duration_ms, finished_at) VALUES ('d', 'core', 'succeeded', 700, ?)",
      at(0),
    );

    const store = open(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    store.packageBuilds.record({
      definitionId: 'd',
      packageName: 'core',
      status: 'succeeded',
      durationMs: 650,
      buildMs: 400.6,
      finishedAt: at(1),
    });
    store.packageBuilds.record({ definitionId: 'd', packageName: 'ui', status: 'succeeded', durationMs: 90 });
    expect(store.packageBuilds.buildSamples('d')).toEqual(
      new Map([
        [
          'core',
          [
            { observedMs: 650, buildMs: 401 },
            { observedMs: 700, buildMs: null },
          ],
        ],
        ['ui', [{ observedMs: 90, buildMs: null }]],
      ]),
    );
    expect(store.packageBuilds.durationHistory('d')).toEqual(
      new Map([
        ['core', [650, 700]],
        ['ui', [90]],
      ]),
    );
  });

  it('refuses a negative build time, naming the field', () => {
    const store = open();
    const err = thrown(() =>
      store.packageBuilds.record({ packageName: 'core', status: 'succeeded', durationMs: 10, buildMs: -1 }),
    );
    expect(err).toMatchObject({ name: 'StoreError', code: 'INVALID' });
    expect((err as Error).message).toMatch(/at buildMs/);
  });
});
