import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migrations';
import { StoreError } from './store-error';

/** Checks that migrations are numbered 1, 2, 3, … in order (a programming error otherwise). */
export function assertMigrationsOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration #${i} (${m.name}) has version ${m.version}; expected ${i + 1}`);
  });
}

/** Too-new message shared by the pre-open check and the runner. */
export function schemaTooNew(file: string, found: number, latest: number): StoreError {
  return new StoreError(
    'SCHEMA_TOO_NEW',
    `${file} was written by a newer workflow-builder (schema ${found}, this build knows up to ${latest}); upgrade the app or choose another data folder`,
    { file },
  );
}

/**
 * Applies every migration newer than the file's PRAGMA user_version, each in its own IMMEDIATE
 * transaction together with the user_version bump, so a failure leaves the file at the previous
 * version. Re-reads user_version inside the transaction so two processes opening at once are safe.
 * Returns the schema version the file is at afterwards.
 */
export function migrate(db: BetterSqlite3.Database, file: string, migrations: readonly Migration[]): number {
  assertMigrationsOrdered(migrations);
  const latest = migrations.length;
  const userVersion = (): number => db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    db.transaction(() => {
      const current = userVersion();
      if (current > latest) throw schemaTooNew(file, current, latest);
      if (current >= m.version) return;
      try {
        m.up(db);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new StoreError(
          'IO',
          `${file}: migration ${m.version} (${m.name}) failed: ${reason}; the file was left at schema ${current}`,
          { file, cause: err },
        );
      }
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  const final = userVersion();
  if (final > latest) throw schemaTooNew(file, final, latest);
  return final;
}
