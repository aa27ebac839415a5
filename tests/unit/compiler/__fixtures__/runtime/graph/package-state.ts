/**
 * Where a package is in a run. Exactly one holds at any moment:
 * - `pending`: waiting for dependencies;
 * - `ready`: every dependency completed, waiting for a slot;
 * - `running`: started, not finished;
 * - `completed`: finished successfully;
 * - `failed`: finished with an error;
 * - `blocked`: will not run because a (transitive) dependency failed.
 */
export type PackageState = 'pending' | 'ready' | 'running' | 'completed' | 'failed' | 'blocked';

/** Numeric state codes stored in the tracker's Uint8Array. */
export const PENDING = 0;
/** See PENDING. */
export const READY = 1;
/** See PENDING. */
export const RUNNING = 2;
/** See PENDING. */
export const COMPLETED = 3;
/** See PENDING. */
export const FAILED = 4;
/** See PENDING. */
export const BLOCKED = 5;

/** State names by code. */
export const STATE_NAMES: readonly PackageState[] = [
  'pending',
  'ready',
  'running',
  'completed',
  'failed',
  'blocked',
];

/** One-character JSON code by state code (pending, ready, started, completed, failed, blocked). */
export const STATE_CODES = 'prscfb';
