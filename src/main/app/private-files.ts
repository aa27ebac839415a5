import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';

/**
 * The data folder holds definitions, logs, reports and the dev server's history: other local
 * users must not read them. Folders are 0700 and files 0600, whatever the user's umask: every
 * place that creates one passes the mode explicitly (a mode is still masked by the umask, which
 * can only remove bits, so these never come out wider), existing ones are chmod-ed, and every
 * entry point sets PRIVATE_UMASK so files created by libraries and child processes (SQLite's
 * -wal/-shm, the Temporal dev server's temporal.db) are private too.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_UMASK = 0o077;

/** Sets the process umask to PRIVATE_UMASK (children inherit it). Call first in an entry point. */
export function usePrivateUmask(): void {
  process.umask(PRIVATE_UMASK);
}

/** Creates `dir` (and missing parents) as 0700, and narrows it to 0700 if it existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Async twin of ensurePrivateDir. */
export async function ensurePrivateDirAsync(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Writes `text` to `file` as 0600 through a temporary file beside it and a rename, so a reader (or
 * a crash mid-write) never sees half a file.
 */
export function writePrivateFileAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  renameSync(temp, file);
}

/** Async twin of writePrivateFileAtomically. */
export async function writePrivateFileAtomicallyAsync(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  await rename(temp, file);
}

/** Narrows each existing file to 0600 (a file written by an older version, or under another umask). */
export function narrowToPrivate(...files: string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates `file` empty as 0600 if missing (so a library that opens it keeps that mode), else narrows it. */
export function touchPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Runs `fn` (a synchronous spawn) under PRIVATE_UMASK, so the child creates private files. */
export function withPrivateUmask<T>(fn: () => T): T {
  const previous = process.umask(PRIVATE_UMASK);
  try {
    return fn();
  } finally {
    process.umask(previous);
  }
}
