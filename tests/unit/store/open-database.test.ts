import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, StoreError, openStore } from '../../../src/main/store';
import { open, sampleDefinition, tempDir, thrown } from './helpers';

/** Asserts that opening `file` fails with `code`, leaves its bytes alone and creates no sidecars. */
function expectRefused(file: string, code: string, message: RegExp): StoreError {
  const before = fs.readFileSync(file);
  const siblings = fs.readdirSync(path.dirname(file)).sort();
  const err = thrown(() => openStore(file));
  expect(err).toBeInstanceOf(StoreError);
  expect(err).toMatchObject({ code, file });
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(message);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  return err as StoreError;
}

/** A store with some data, closed, returned as its file. */
function populatedStore(): string {
  const file = path.join(tempDir(), 'store.db');
  const store = open(file);
  for (let i = 0; i < 40; i++)
    store.definitions.save({
      definition: { ...sampleDefinition(`Def ${i}`, 30), description: 'x'.repeat(2000) },
    });
  store.close();
  return file;
}

describe('opening the database', () => {
  it('creates the file and folder, sets the pragmas and the schema version', () => {
    const file = path.join(tempDir(), 'nested', 'folder', 'store.db');
    const store = open(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    raw.close();
  });

  it('is idempotent: opening twice keeps the data and the schema version', () => {
    const file = path.join(tempDir(), 'store.db');
    const first = open(file);
    const saved = first.definitions.save({ definition: sampleDefinition() });
    first.close();
    const second = open(file);
    expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(second.definitions.list()).toEqual([saved]);
    second.close();
    expect(open(file).definitions.versions(saved.id)).toHaveLength(1);
  });

  it('opens a store that another connection holds open', () => {
    const file = path.join(tempDir(), 'store.db');
    const a = open(file);
    a.definitions.save({ definition: sampleDefinition() });
    const b = open(file);
    expect(b.definitions.list()).toHaveLength(1);
  });

  it('refuses a database from a newer schema and never modifies it', () => {
    const file = path.join(tempDir(), 'store.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE future (x TEXT)');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('user_version = 7');
    raw.close();
    expectRefused(
      file,
      'SCHEMA_TOO_NEW',
      new RegExp(
        `newer workflow-builder \\(schema 7, this build knows up to ${LATEST_SCHEMA_VERSION}\\); upgrade the app or choose another data folder`,
      ),
    );
  });

  it('refuses a file of random bytes', () => {
    const file = path.join(tempDir(), 'store.db');
    fs.writeFileSync(file, crypto.randomBytes(16384));
    expectRefused(file, 'CORRUPT', /not a SQLite file/);
  });

  it('refuses a text file', () => {
    const file = path.join(tempDir(), 'store.db');
    fs.writeFileSync(file, 'these are my notes, not a database\n');
    expectRefused(file, 'CORRUPT', /not a SQLite file/);
  });

  it('refuses a truncated database', () => {
    const file = populatedStore();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(file, 'CORRUPT', /truncated/);
    fs.writeFileSync(file, bytes.subarray(0, 60));
    expectRefused(file, 'CORRUPT', /truncated/);
  });

  it('refuses a database with a damaged page', () => {
    const file = populatedStore();
    const bytes = fs.readFileSync(file);
    crypto.randomBytes(4096).copy(bytes, 4096 * 5);
    fs.writeFileSync(file, bytes);
    expectRefused(file, 'CORRUPT', /damaged|malformed/);
  });

  it("refuses another application's SQLite database", () => {
    const file = path.join(tempDir(), 'other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    expectRefused(file, 'CORRUPT', /not a workflow-builder database/);
  });

  it('accepts an empty file as a new database', () => {
    const file = path.join(tempDir(), 'store.db');
    fs.writeFileSync(file, '');
    expect(open(file).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });
});
