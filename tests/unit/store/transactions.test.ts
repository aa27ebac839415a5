import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { open, sampleDefinition, tempDir, thrown } from './helpers';

describe('transactions', () => {
  it('a failing store.transaction leaves no partial write', () => {
    const store = open();
    const kept = store.definitions.save({ definition: sampleDefinition('Kept') });
    const err = thrown(() =>
      store.transaction(() => {
        store.definitions.save({ definition: sampleDefinition('Lost') });
        store.definitions.save({ id: kept.id, definition: sampleDefinition('Kept v2') });
        store.settings.set('lost', true);
        throw new Error('boom');
      }),
    );
    expect((err as Error).message).toBe('boom');
    expect(store.definitions.list()).toEqual([kept]);
    expect(store.definitions.versions(kept.id)).toHaveLength(1);
    expect(store.settings.get('lost')).toBeUndefined();
  });

  it('a save failing halfway stores neither the version row nor the head update', () => {
    const file = path.join(tempDir(), 'store.db');
    const store = open(file);
    const v1 = store.definitions.save({ definition: sampleDefinition('A') });
    // Make the second statement of a save fail, after the first has run.
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER fail_version_insert BEFORE INSERT ON definition_versions WHEN NEW.version = 2
              BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    raw.close();

    const err = thrown(() => store.definitions.save({ id: v1.id, definition: sampleDefinition('B') }));
    expect(err).toMatchObject({ name: 'StoreError' });
    expect((err as Error).message).toContain('simulated failure');
    expect(store.definitions.get(v1.id)).toMatchObject({ version: 1, name: 'A' });
    expect(store.definitions.list()).toEqual([v1]);
  });
});
