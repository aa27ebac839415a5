import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { narrowToPrivate, PRIVATE_DIR_MODE, touchPrivateFile } from '../app/private-files';
import { migrate, schemaTooNew } from './migrate';
import { APPLICATION_ID, MIGRATIONS, type Migration } from './migrations';
import { StoreError, toStoreError } from './store-error';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
/** Files up to this size are checked from an in-memory copy, so the check never touches the file. */
const IN_MEMORY_CHECK_LIMIT = 256 * 1024 * 1024;
const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseResult {
  db: BetterSqlite3.Database;
  schemaVersion: number;
}

/**
 * Opens (creating if missing) a workflow-builder database and brings it to the newest schema.
 *
 * An existing file is checked before anything may write to it: its header (SQLite magic, page
 * size, truncation), its application_id and user_version (refusing a newer schema), whether a
 * user_version-0 file already holds someone else's tables, and PRAGMA quick_check. When there is
 * no hot WAL/journal the checks run on an in-memory copy, so a refused file keeps its bytes and
 * gains no -wal/-shm sidecars. Only then is it opened read-write (WAL, foreign keys, busy
 * timeout, synchronous=NORMAL) and migrated.
 */
export function openDatabase(
  filePath: string,
  migrations: readonly Migration[] = MIGRATIONS,
): OpenDatabaseResult {
  const file = path.resolve(filePath);
  const latest = migrations.length;
  const stat = statOrUndefined(file);
  if (stat === undefined) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    } catch (err) {
      throw new StoreError('IO', `cannot create the folder for ${file}: ${(err as Error).message}`, {
        file,
        cause: err,
      });
    }
  } else {
    if (!stat.isFile()) throw new StoreError('IO', `${file} is not a regular file`, { file });
    if (stat.size > 0) checkExistingFile(file, stat.size, latest);
  }

  let db: BetterSqlite3.Database | undefined;
  try {
    // SQLite creates the -wal and -shm files with the database file's mode: a 0600 database
    // keeps all three private, whatever the umask.
    touchPrivateFile(file);
    narrowToPrivate(`${file}-wal`, `${file}-shm`);
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const schemaVersion = migrate(db, file, migrations);
    return { db, schemaVersion };
  } catch (err) {
    db?.close();
    throw toStoreError(err, file);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError('IO', `cannot read ${file}: ${(err as Error).message}`, { file, cause: err });
  }
}

function hasContent(file: string): boolean {
  return (statOrUndefined(file)?.size ?? 0) > 0;
}

function readFile(file: string, bytes?: number): Buffer {
  try {
    if (bytes === undefined) return fs.readFileSync(file);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const n = fs.readSync(fd, buf, 0, bytes, 0);
      return buf.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new StoreError('IO', `cannot read ${file}: ${(err as Error).message}`, { file, cause: err });
  }
}

function corrupt(file: string, problem: string): StoreError {
  return new StoreError(
    'CORRUPT',
    `${file} ${problem}; it was left untouched — restore a backup or choose another data folder`,
    { file },
  );
}

/** Runs every pre-open check on an existing, non-empty file. Throws a StoreError when one fails. */
function checkExistingFile(file: string, size: number, latest: number): void {
  // A hot WAL or rollback journal holds committed data the main file lacks: check through SQLite.
  const hot = hasContent(`${file}-wal`) || hasContent(`${file}-journal`);
  const inMemory = !hot && size <= IN_MEMORY_CHECK_LIMIT;
  const bytes = readFile(file, inMemory ? undefined : HEADER_SIZE);
  checkHeader(file, bytes, size, !hot);

  let probe: BetterSqlite3.Database | undefined;
  try {
    if (inMemory) {
      // A WAL-mode header makes an in-memory copy unopenable; mark the copy (never the file) as rollback mode.
      bytes[18] = 1;
      bytes[19] = 1;
      probe = new Database(bytes, { readonly: true });
    } else {
      probe = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    }
    checkIdentity(file, probe, latest);
    const result = probe.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw corrupt(file, `is damaged (integrity check: ${String(result)})`);
  } catch (err) {
    throw toStoreError(err, file);
  } finally {
    probe?.close();
  }
}

/** Checks the 100-byte SQLite header: magic, page size and (when trustworthy) truncation. */
function checkHeader(file: string, bytes: Buffer, size: number, sizeIsTrustworthy: boolean): void {
  const head = bytes.subarray(0, SQLITE_MAGIC.length);
  if (!SQLITE_MAGIC.subarray(0, head.length).equals(head)) {
    throw corrupt(file, 'is not a workflow-builder database (not a SQLite file)');
  }
  if (bytes.length < HEADER_SIZE)
    throw corrupt(file, `is truncated (${size} bytes, shorter than a SQLite header)`);
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    throw corrupt(file, `has a damaged header (page size ${rawPageSize})`);
  const pageCount = bytes.readUInt32BE(28);
  const pageCountValid = bytes.readUInt32BE(24) === bytes.readUInt32BE(92) && pageCount > 0;
  if (sizeIsTrustworthy && pageCountValid && size < pageCount * pageSize) {
    throw corrupt(file, `is truncated (${size} bytes, its header says ${pageCount * pageSize})`);
  }
}

/** Refuses another application's database, a newer schema, and a version-0 file that already has tables. */
function checkIdentity(file: string, probe: BetterSqlite3.Database, latest: number): void {
  const appId = probe.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw corrupt(
      file,
      `is not a workflow-builder database (it belongs to another application, application_id ${appId})`,
    );
  }
  const userVersion = probe.pragma('user_version', { simple: true }) as number;
  if (userVersion > latest) throw schemaTooNew(file, userVersion, latest);
  if (userVersion < 0) throw corrupt(file, `has an invalid schema version (${userVersion})`);
  if (userVersion === 0) {
    const objects = probe
      .prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
      .pluck()
      .get() as number;
    if (objects > 0)
      throw corrupt(file, 'is not a workflow-builder database (it holds tables of another application)');
  }
}
