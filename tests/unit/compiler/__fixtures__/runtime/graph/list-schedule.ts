import type { CompiledGraph } from './csr';
import { GraphError } from './graph-error';
import { IdHeap, ReadyQueue } from './ready-queue';
import type { SchedulingPolicy } from './types';

/** A package already running when a simulation starts, with the time it still needs. */
export interface RunningAtStart {
  /** Package id. */
  readonly id: number;
  /** Remaining duration. */
  readonly remaining: number;
}

/** Outcome of `listSchedule`, by package id. */
export interface ListScheduleResult {
  /** Time the last package finishes (0 when nothing runs). */
  readonly makespan: number;
  /** Ids in the order they were started (in-flight packages first). */
  readonly started: Int32Array;
  /** Start time by id (NaN for packages that never ran). */
  readonly start: Float64Array;
  /** Finish time by id (NaN for packages that never ran). */
  readonly finish: Float64Array;
}

/** Checks a slot count: a positive integer, or Infinity for "unlimited". */
export function checkSlots(slots: number): void {
  if (!(slots === Infinity || (Number.isInteger(slots) && slots >= 1))) {
    throw new GraphError('INVALID_ARGUMENT', `Slot count must be a positive integer, got ${String(slots)}`);
  }
}

/**
 * Discrete-event list scheduling, the model of a real run: whenever a slot is free, start the
 * best ready package by `policy`; advance to the next finish; repeat. Packages finishing at the
 * same instant complete together before slots are refilled, so simultaneous events do not depend
 * on heap internals. O((V + E) log V).
 *
 * @param skip - 1 for packages that must not run (completed, failed, blocked); their dependents
 *   only become ready if the skipped package is `done` (completed) rather than merely skipped.
 * @param done - 1 for packages that count as completed.
 */
export function listSchedule(
  g: CompiledGraph,
  durations: Float64Array,
  slots: number,
  policy: SchedulingPolicy,
  levels: Float64Array,
  skip: Uint8Array,
  done: Uint8Array,
  inFlight: readonly RunningAtStart[],
): ListScheduleResult {
  const { n, depStart, deps, dependentStart, dependents } = g;
  const start = new Float64Array(n).fill(NaN);
  const finish = new Float64Array(n).fill(NaN);
  const started = new Int32Array(n);
  let startedCount = 0;
  const seq = new Float64Array(n);
  let nextSeq = 0;
  const idKey = Float64Array.from({ length: n }, (_, v) => v);
  const ready = new ReadyQueue(policy, seq, policy === 'fifo' ? undefined : levels);
  const events = new IdHeap(finish, idKey, 64); // running packages by finish time, then id
  const missing = new Int32Array(n);
  const flying = new Uint8Array(n);
  for (const { id } of inFlight) flying[id] = 1;
  for (let v = 0; v < n; v++) {
    for (let i = depStart[v]!, end = depStart[v + 1]!; i < end; i++) if (!done[deps[i]!]) missing[v]!++;
  }
  for (const { id, remaining } of inFlight) {
    start[id] = 0;
    finish[id] = remaining;
    events.push(id);
    started[startedCount++] = id;
  }
  for (let v = 0; v < n; v++) {
    if (missing[v] === 0 && !skip[v] && !flying[v]) {
      seq[v] = nextSeq++;
      ready.push(v);
    }
  }
  let time = 0;
  let running = inFlight.length;
  for (;;) {
    while (running < slots) {
      const v = ready.pop();
      if (v === -1) break;
      start[v] = time;
      finish[v] = time + durations[v]!;
      events.push(v);
      started[startedCount++] = v;
      running++;
    }
    if (running === 0) break;
    time = finish[events.peek()]!;
    while (events.size > 0 && finish[events.peek()] === time) {
      const v = events.pop();
      running--;
      for (let i = dependentStart[v]!, end = dependentStart[v + 1]!; i < end; i++) {
        const w = dependents[i]!;
        if (--missing[w]! === 0 && !skip[w] && !flying[w]) {
          seq[w] = nextSeq++;
          ready.push(w);
        }
      }
    }
  }
  return { makespan: time, started: started.subarray(0, startedCount), start, finish };
}
