import type BetterSqlite3 from 'better-sqlite3';
import { toStoreError } from './store-error';

/** What every repository shares: the connection, the file name for errors, and the clock. */
export interface StoreContext {
  readonly db: BetterSqlite3.Database;
  readonly file: string;
  /** Current time as an ISO-8601 string. */
  now(): string;
  /** Runs a read, turning SQLite failures into StoreErrors. */
  read<T>(fn: () => T): T;
  /** Runs `fn` in an IMMEDIATE transaction (a savepoint when nested), all or nothing. */
  write<T>(fn: () => T): T;
}

export function createContext(db: BetterSqlite3.Database, file: string, clock: () => Date): StoreContext {
  const read = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw toStoreError(err, file);
    }
  };
  return {
    db,
    file,
    now: () => clock().toISOString(),
    read,
    write: <T>(fn: () => T): T => read(() => db.transaction(fn).immediate()),
  };
}

/** Parses an ISO-ish timestamp and normalizes it to `toISOString()` form, or returns undefined. */
export function normalizeTime(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
