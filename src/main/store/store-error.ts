import Database from 'better-sqlite3';

/** What went wrong, coarse enough for the IPC layer to map onto its own codes. */
export type StoreErrorCode = 'SCHEMA_TOO_NEW' | 'CORRUPT' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'IO';

/**
 * The one error the store throws. `file` is always the database file; `path` is the dotted path of
 * the offending field for INVALID errors about a value (e.g. `nodes.2.id`).
 * File-level errors (SCHEMA_TOO_NEW, CORRUPT, IO) name the file in their message.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly file: string;
  readonly path: string | undefined;

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options: { file: string; path?: string; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.path = options.path;
  }
}

/** True when `err` is a StoreError (optionally of one code). */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}

/**
 * Turns a SQLite failure into a StoreError naming the file. StoreErrors and non-SQLite errors
 * (bugs, or errors thrown by a caller's transaction body) pass through unchanged.
 */
export function toStoreError(err: unknown, file: string): unknown {
  if (err instanceof StoreError || !(err instanceof Database.SqliteError)) return err;
  const code = err.code;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'CORRUPT',
      `${file} is damaged (${err.message}); it was left untouched — restore a backup or choose another data folder`,
      { file, cause: err },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'IO',
      `${file} is locked by another process (${err.message}); close other workflow-builder windows and retry`,
      { file, cause: err },
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError('INVALID', `${file}: a write broke a database constraint (${err.message})`, {
      file,
      cause: err,
    });
  }
  return new StoreError('IO', `${file} could not be read or written (${code}: ${err.message})`, {
    file,
    cause: err,
  });
}

/** The dotted path of a zod issue path (`['nodes', 2, 'id']` → `nodes.2.id`). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}
