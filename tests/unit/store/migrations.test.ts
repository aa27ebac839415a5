import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../../src/main/store';
import { openDatabase } from '../../../src/main/store/open-database';
import { tempDir, thrown } from './helpers';

const addColumn: Migration = {
  version: 2,
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
    expect(userVersion(file)).toBe(1);

    const upgraded = openDatabase(file, [...MIGRATIONS, addColumn]);
    expect(upgraded.schemaVersion).toBe(2);
    upgraded.db.close();
    const again = openDatabase(file, [...MIGRATIONS, addColumn]);
    expect(again.schemaVersion).toBe(2);
    again.db.close();
  });

  it('rolls a failing migration back completely, leaving the previous version', () => {
    const file = path.join(tempDir(), 'store.db');
    openDatabase(file, MIGRATIONS).db.close();
    const broken: Migration = {
      version: 2,
      name: 'half-done',
      up: (db) => {
        db.exec('CREATE TABLE half (x TEXT)');
        throw new Error('step two failed');
      },
    };
    const err = thrown(() => openDatabase(file, [...MIGRATIONS, broken]));
    expect(err).toMatchObject({ name: 'StoreError', code: 'IO' });
    expect((err as Error).message).toMatch(
      /migration 2 \(half-done\) failed: step two failed; the file was left at schema 1/,
    );
    expect(userVersion(file)).toBe(1);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    raw.close();
  });

  it('rejects a migration list with gaps', () => {
    const file = path.join(tempDir(), 'store.db');
    expect(thrown(() => openDatabase(file, [...MIGRATIONS, { ...addColumn, version: 3 }]))).toBeInstanceOf(
      Error,
    );
  });
});
