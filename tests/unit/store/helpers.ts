import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition/workflow-definition';
import { MIGRATIONS, openStore, type Store } from '../../../src/main/store';
import { openDatabase } from '../../../src/main/store/open-database';

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-store-'));
  dirs.push(dir);
  return dir;
}

/** A clock that advances one second per call, from a fixed start. */
export function fakeClock(start = Date.parse('2025-01-01T00:00:00.000Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** An ISO time `m` minutes after 2025-01-01T00:00Z (a recorded build's `finishedAt`). */
export function atMinute(m: number): string {
  return new Date(Date.UTC(2025, 0, 1, 0, m)).toISOString();
}

/**
 * A store file as an older app left it: the first `version` schema steps only, then `sql` run on it
 * raw with `params` (the rows that app wrote). Returns its path, for `open` to upgrade.
 */
export function storeFileAtSchema(version: number, sql: string, ...params: unknown[]): string {
  const file = path.join(tempDir(), 'store.db');
  openDatabase(file, MIGRATIONS.slice(0, version)).db.close();
  const raw = new Database(file);
  raw.prepare(sql).run(...params);
  raw.close();
  return file;
}

/** Opens a store in `file` (default: a new temp folder), closed after the test. */
export function open(file = path.join(tempDir(), 'store.db')): Store {
  const store = openStore(file, { now: fakeClock() });
  stores.push(store);
  return store;
}

export function sampleDefinition(name = 'Build all', nodes = 2): WorkflowDefinition {
  return {
    schemaVersion: 1,
    name,
    nodes: Array.from({ length: nodes }, (_, i) => ({
      id: `n${i}`,
      kind: i === 0 ? 'start' : 'activity',
      data: {},
    })),
    edges: nodes > 1 ? [{ id: 'e0', source: 'n0', target: 'n1' }] : [],
    settings: {},
  };
}

/** Calls `fn` and returns what it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
