import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DefinitionSummarySchema, StoredDefinitionSchema } from '../../../src/core/ipc/contract';
import { StoreError } from '../../../src/main/store';
import { open, sampleDefinition, tempDir, thrown } from './helpers';

describe('definitions', () => {
  it('survives closing and reopening the database', () => {
    const file = path.join(tempDir(), 'store.db');
    const first = open(file);
    const saved = first.definitions.save({ definition: sampleDefinition('Nightly') });
    first.close();

    const again = open(file);
    const got = again.definitions.get(saved.id);
    expect(StoredDefinitionSchema.parse(got)).toEqual(got);
    expect(got).toMatchObject({ id: saved.id, name: 'Nightly', version: 1 });
    expect(got.definition).toEqual(sampleDefinition('Nightly'));
    expect(again.definitions.list()).toEqual([saved]);
  });

  it('keeps every version and can read each one back', () => {
    const store = open();
    const v1 = store.definitions.save({ definition: sampleDefinition('A', 1) });
    const v2 = store.definitions.save({ id: v1.id, definition: sampleDefinition('A renamed', 2) });
    const v3 = store.definitions.save({
      id: v1.id,
      expectedVersion: 2,
      definition: sampleDefinition('A final', 3),
    });

    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v3.createdAt).toBe(v1.createdAt);
    expect(v3.updatedAt > v1.updatedAt).toBe(true);
    expect(store.definitions.get(v1.id).definition.nodes).toHaveLength(3);
    expect(store.definitions.get(v1.id, 1).definition).toEqual(sampleDefinition('A', 1));
    expect(store.definitions.get(v1.id, 2)).toMatchObject({ name: 'A renamed', version: 2 });
    const versions = store.definitions.versions(v1.id);
    expect(versions.map((v) => [v.version, v.name])).toEqual([
      [3, 'A final'],
      [2, 'A renamed'],
      [1, 'A'],
    ]);
    versions.forEach((v) => DefinitionSummarySchema.parse(v));
    expect(store.definitions.list()).toEqual([v3]);
    expect(thrown(() => store.definitions.get(v1.id, 9))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a save based on a stale version with a CONFLICT naming both versions', () => {
    const store = open();
    const v1 = store.definitions.save({ definition: sampleDefinition() });
    store.definitions.save({ id: v1.id, expectedVersion: 1, definition: sampleDefinition('B') });

    const err = thrown(() =>
      store.definitions.save({ id: v1.id, expectedVersion: 1, definition: sampleDefinition('C') }),
    );
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect((err as StoreError).message).toMatch(/based on version 1 but the stored version is 2/);
    expect(store.definitions.get(v1.id)).toMatchObject({ version: 2, name: 'B' });
    expect(store.definitions.versions(v1.id)).toHaveLength(2);
  });

  it('rejects an invalid definition with the failing field path and changes nothing', () => {
    const store = open();
    const v1 = store.definitions.save({ definition: sampleDefinition('Keep') });
    const before = { list: store.definitions.list(), versions: store.definitions.versions(v1.id) };

    const bad = sampleDefinition('Keep', 3) as { nodes: { id: string }[] };
    bad.nodes[2]!.id = '';
    const err = thrown(() => store.definitions.save({ id: v1.id, definition: bad }));
    expect(err).toMatchObject({ code: 'INVALID', path: 'nodes.2.id' });
    expect((err as Error).message).toContain('nodes.2.id');
    expect(
      thrown(() => store.definitions.save({ definition: { ...sampleDefinition(), name: '' } })),
    ).toMatchObject({ code: 'INVALID', path: 'name' });

    expect(store.definitions.list()).toEqual(before.list);
    expect(store.definitions.versions(v1.id)).toEqual(before.versions);
  });

  it('answers NOT_FOUND for unknown ids and soft-deletes, keeping versions readable on request', () => {
    const store = open();
    expect(thrown(() => store.definitions.get('nope'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      thrown(() => store.definitions.save({ id: 'nope', definition: sampleDefinition() })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const keep = store.definitions.save({ definition: sampleDefinition('Keep') });
    const gone = store.definitions.save({ definition: sampleDefinition('Gone') });

    expect(store.definitions.delete(gone.id)).toEqual({ deleted: true });
    expect(store.definitions.delete(gone.id)).toEqual({ deleted: false });
    expect(store.definitions.delete('nope')).toEqual({ deleted: false });
    expect(store.definitions.list().map((d) => d.id)).toEqual([keep.id]);
    expect(thrown(() => store.definitions.get(gone.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      thrown(() => store.definitions.save({ id: gone.id, definition: sampleDefinition() })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(store.definitions.get(gone.id, 1, { includeDeleted: true }).name).toBe('Gone');
  });

  it('lists rows that no longer parse and flags them instead of crashing', () => {
    const file = path.join(tempDir(), 'store.db');
    const store = open(file);
    const good = store.definitions.save({ definition: sampleDefinition('Good') });
    const bad = store.definitions.save({ definition: sampleDefinition('Bad') });
    const raw = new Database(file);
    raw
      .prepare('UPDATE definition_versions SET definition_json = ? WHERE definition_id = ?')
      .run(JSON.stringify({ ...sampleDefinition('Bad'), nodes: [{ id: 7 }] }), bad.id);
    raw.close();

    expect(
      store.definitions
        .list()
        .map((d) => d.id)
        .sort(),
    ).toEqual([good.id, bad.id].sort());
    expect(thrown(() => store.definitions.get(bad.id))).toMatchObject({
      code: 'INVALID',
      path: 'nodes.0.id',
    });
    expect(store.definitions.problems()).toEqual([
      expect.objectContaining({ id: bad.id, version: 1, path: 'nodes.0.id' }),
    ]);
    expect(store.definitions.get(good.id).name).toBe('Good');
  });
});
