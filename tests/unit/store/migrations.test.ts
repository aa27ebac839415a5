import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../../src/main/store';
import { openDatabase } from '../../../src/main/store/open-database';
import { tempDir, thrown } from './helpers';

const addColumn: Migration = {
  version: MIGRATIONS.length + 1,
  name: 'add-notes',
  up: (db) => db.exec('ALTER TABLE settings ADD COLUMN notes TEXT'),
};

function userVersion(file: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
}

describe('migrations', () => {
  it('upgrades an older file step by step and is a no-op when re-run', () => {
    const file = path.join(tempDir(), 'store.db');
    openDatabase(file, MIGRATIONS).db.close();
    expect(userVersion(file)).toBe(MIGRATIONS.length);

    const upgraded = openDatabase(file, [...MIGRATIONS, addColumn]);
    expect(upgraded.schemaVersion).toBe(MIGRATIONS.length + 1);
    upgraded.db.close();
    const again = openDatabase(file, [...MIGRATIONS, addColumn]);
    expect(again.schemaVersion).toBe(MIGRATIONS.length + 1);
    again.db.close();
  });

  it('rolls a failing migration back completely, leaving the previous version', () => {
    const file = path.join(tempDir(), 'store.db');
    openDatabase(file, MIGRATIONS).db.close();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'half-done',
      up: (db) => {
        db.exec('CREATE TABLE half (x TEXT)');
        throw new Error('step two failed');
      },
    };
    const err = thrown(() => openDatabase(file, [...MIGRATIONS, broken]));
    expect(err).toMatchObject({ name: 'StoreError', code: 'IO' });
    expect((err as Error).message).toMatch(
      new RegExp(
        `migration ${MIGRATIONS.length + 1} \\(half-done\\) failed: step two failed; the file was left at schema ${MIGRATIONS.length}`,
      ),
    );
    expect(userVersion(file)).toBe(MIGRATIONS.length);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    raw.close();
  });

  it('rejects a migration list with gaps', () => {
    const file = path.join(tempDir(), 'store.db');
    expect(
      thrown(() => openDatabase(file, [...MIGRATIONS, { ...addColumn, version: MIGRATIONS.length + 2 }])),
    ).toBeInstanceOf(Error);
  });
});
