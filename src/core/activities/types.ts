import type { z } from 'zod';

/**
 * One built-in activity as the compiler sees it: its TypeScript signature (emitted into the
 * generated `activity-types.ts`), the zod schema of its arguments (checked at compile time) and
 * its default timeouts. The implementations (`createActivities()`) run in the worker.
 */
export interface ActivityCatalogEntry {
  /** Activity type name, e.g. `buildPackage`. */
  name: string;
  /** One sentence shown in the editor's activity picker and emitted as the method's JSDoc. */
  description: string;
  /** TypeScript parameter list and return type, emitted verbatim into generated activity types. */
  signature: { params: string; returns: string };
  /** TypeScript declarations the signature needs (exported interfaces), standalone: no imports. */
  typeDeclarations: string;
  /** zod schema of the args array, to validate `node.data.args` at compile time. */
  argsSchema: z.ZodType<unknown[]>;
  /**
   * Timeouts an activity node gets when it sets none. `heartbeatTimeoutMs` (optional, additive to
   * the shared plan) is set for long activities that heartbeat: without it the worker throttles
   * heartbeats to 30 s and a cancellation reaches the activity that late.
   */
  defaultTimeouts: { startToCloseMs: number; heartbeatTimeoutMs?: number };
}
