import type { CompiledGraph } from './csr';
import { BLOCKED, COMPLETED, FAILED, PENDING, READY, RUNNING, STATE_NAMES } from './package-state';
import type { TrackerData } from './ready-tracker-json';

/** A package that will not run, and the failed package that caused it. */
export interface BlockedPackage {
  /** The blocked package. */
  readonly name: string;
  /** The failed package it (transitively) depends on. */
  readonly blockedBy: string;
}

/** A failed package and its error text. */
export interface FailedPackage {
  /** The failed package. */
  readonly name: string;
  /** The error reported by `fail`. */
  readonly error: string;
}

/** Everything a dashboard shows about a run, by state. */
export interface TrackerSnapshot {
  /** Finished successfully, in insertion order. */
  readonly completed: readonly string[];
  /** Started and not finished, in insertion order. */
  readonly running: readonly string[];
  /** Finished with an error. */
  readonly failed: readonly FailedPackage[];
  /** Will not run because a dependency failed. */
  readonly blocked: readonly BlockedPackage[];
  /** Waiting for a slot, in the order they became ready. */
  readonly ready: readonly string[];
  /** Waiting for dependencies, in insertion order. */
  readonly pending: readonly string[];
}

/** Groups every package by state, O(V); ready packages in the order they became ready. */
export function snapshotOf(g: CompiledGraph, d: TrackerData): TrackerSnapshot {
  const ids: number[][] = STATE_NAMES.map(() => []);
  for (let v = 0; v < g.n; v++) ids[d.state[v]!]!.push(v);
  const names = (list: number[]): string[] => list.map((v) => g.names[v]!);
  return {
    completed: names(ids[COMPLETED]!),
    running: names(ids[RUNNING]!),
    failed: ids[FAILED]!.map((v) => ({ name: g.names[v]!, error: d.errors.get(v) ?? '' })),
    blocked: ids[BLOCKED]!.map((v) => ({ name: g.names[v]!, blockedBy: g.names[d.blocker[v]!]! })),
    ready: names(ids[READY]!.sort((a, b) => d.seq[a]! - d.seq[b]!)),
    pending: names(ids[PENDING]!),
  };
}
