import type BetterSqlite3 from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction that also bumps PRAGMA user_version to `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}

/** `application_id` stamped in the header of every workflow-builder database ('WBLD'). */
export const APPLICATION_ID = 0x57424c44;
