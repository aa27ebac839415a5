import type { CompiledGraph } from './csr';
import { graphFingerprint } from './csr';
import { GraphError } from './graph-error';
import { BLOCKED, FAILED, PENDING, READY, STATE_CODES, STATE_NAMES } from './package-state';

/** Format tag of a serialized ReadyTracker, checked on load. */
export const TRACKER_JSON_FORMAT = 'workflow-builder/ready-tracker';

/**
 * Serialized ReadyTracker. Package references are indices into the graph's `nodes` (the tracker is
 * always stored next to its graph), one character per package for the state, so the run state of a
 * 10k-package build stays a few tens of KB in workflow history.
 */
export interface ReadyTrackerJSON {
  /** Always TRACKER_JSON_FORMAT. */
  readonly format: typeof TRACKER_JSON_FORMAT;
  /** Schema version, currently 1. */
  readonly version: 1;
  /** `DependencyGraph.fingerprint()` of the graph; loading against another graph is refused. */
  readonly graph: string;
  /** One character per package: p pending, r ready, s running, c completed, f failed, b blocked. */
  readonly states: string;
  /** Ready packages in the order they became ready (keeps FIFO and tie-breaks identical). */
  readonly ready: readonly number[];
  /** Failed packages with their error text. */
  readonly failed: readonly (readonly [pkg: number, error: string])[];
  /** Blocked packages with the failed package that blocked them. */
  readonly blocked: readonly (readonly [pkg: number, blockedBy: number])[];
  /** Packages that became ready and were not yet drained by `newlyReady()`. */
  readonly newlyReady: readonly number[];
  /** Resolved duration (ms) by package index, the basis of critical-path-first priorities. */
  readonly durations: readonly number[];
  /** Tuned critical-path-first priorities by package index, when the run tuned its order (`tuneForSlots`). */
  readonly priorities?: readonly number[];
}

/** The tracker's primary state; everything else (counters, queues) is derived from it. */
export interface TrackerData {
  /** State code by id. */
  readonly state: Uint8Array;
  /** Id of the failed package that blocked each blocked package, else -1. */
  readonly blocker: Int32Array;
  /** Error text of each failed package. */
  readonly errors: Map<number, string>;
  /** Readiness sequence number by id (valid for ready packages). */
  readonly seq: Float64Array;
  /** Next readiness sequence number. */
  nextSeq: number;
  /** Resolved durations by id. */
  readonly durations: Float64Array;
  /** Tuned critical-path-first priorities by id, once computed (see `tunePriorities`). */
  priorities?: Float64Array;
  /** Ids not yet drained by `newlyReady()`. */
  newly: number[];
}

/** Encodes the tracker state. O(V). */
export function encodeTracker(g: CompiledGraph, d: TrackerData): ReadyTrackerJSON {
  let states = '';
  const ready: number[] = [];
  const blocked: [number, number][] = [];
  for (let v = 0; v < g.n; v++) {
    const s = d.state[v]!;
    states += STATE_CODES.charAt(s);
    if (s === READY) ready.push(v);
    else if (s === BLOCKED) blocked.push([v, d.blocker[v]!]);
  }
  ready.sort((a, b) => d.seq[a]! - d.seq[b]!);
  return {
    format: TRACKER_JSON_FORMAT,
    version: 1,
    graph: graphFingerprint(g),
    states,
    ready,
    failed: [...d.errors].sort((a, b) => a[0] - b[0]),
    blocked,
    newlyReady: d.newly.filter((v) => d.state[v] === READY),
    durations: Array.from(d.durations),
    ...(d.priorities && { priorities: Array.from(d.priorities) }),
  };
}

function invalid(what: string): GraphError {
  return new GraphError('INVALID_JSON', `Invalid ready tracker JSON: ${what}`);
}

function isId(x: unknown, n: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
}

/**
 * Decodes and checks the shape of a serialized tracker. Consistency with the dependencies (no
 * running package with an incomplete dependency, …) is checked by the tracker itself.
 */
export function decodeTracker(g: CompiledGraph, json: unknown): TrackerData {
  if (typeof json !== 'object' || json === null) throw invalid('not an object');
  const j = json as Partial<Record<keyof ReadyTrackerJSON, unknown>>;
  if (j.format !== TRACKER_JSON_FORMAT || j.version !== 1) throw invalid('unknown format or version');
  if (j.graph !== graphFingerprint(g)) {
    throw invalid('it belongs to a different dependency graph (fingerprint mismatch)');
  }
  const { states, ready, failed, blocked, newlyReady, durations, priorities } = j;
  if (typeof states !== 'string' || states.length !== g.n)
    throw invalid('states must have one code per package');
  const state = new Uint8Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const s = STATE_CODES.indexOf(states.charAt(v));
    if (s < 0) throw invalid(`unknown state code "${states.charAt(v)}"`);
    state[v] = s;
  }
  if (!Array.isArray(durations) || durations.length !== g.n)
    throw invalid('durations must have one entry per package');
  if (!durations.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0))
    throw invalid('bad duration');
  if (
    priorities !== undefined &&
    !(
      Array.isArray(priorities) &&
      priorities.length === g.n &&
      priorities.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
  ) {
    throw invalid('priorities must have one finite number per package');
  }
  const isIdList = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => isId(v, g.n));
  if (!isIdList(ready) || !isIdList(newlyReady))
    throw invalid('ready and newlyReady must be package indices');
  const readyCount = state.reduce((c, s) => c + (s === READY ? 1 : 0), 0);
  if (
    new Set(ready).size !== ready.length ||
    ready.length !== readyCount ||
    ready.some((v) => state[v] !== READY)
  ) {
    throw invalid('ready must list every ready package once');
  }
  const seq = new Float64Array(g.n);
  ready.forEach((v, i) => (seq[v] = i));
  const errors = new Map<number, string>();
  if (!Array.isArray(failed)) throw invalid('failed must be an array');
  for (const entry of failed as unknown[]) {
    if (
      !Array.isArray(entry) ||
      !isId(entry[0], g.n) ||
      typeof entry[1] !== 'string' ||
      state[entry[0]] !== FAILED
    ) {
      throw invalid('failed entries must be [failed package, error text]');
    }
    errors.set(entry[0], entry[1]);
  }
  const blocker = new Int32Array(g.n).fill(-1);
  if (!Array.isArray(blocked)) throw invalid('blocked must be an array');
  for (const entry of blocked as unknown[]) {
    if (
      !Array.isArray(entry) ||
      !isId(entry[0], g.n) ||
      !isId(entry[1], g.n) ||
      state[entry[0]] !== BLOCKED
    ) {
      throw invalid('blocked entries must be [blocked package, blocker]');
    }
    blocker[entry[0]] = entry[1];
  }
  for (let v = 0; v < g.n; v++) {
    if ((state[v] === FAILED) !== errors.has(v)) throw invalid('every failed package needs one error');
    if (state[v] === BLOCKED && blocker[v] === -1) throw invalid('every blocked package needs a blocker');
  }
  return {
    state,
    blocker,
    errors,
    seq,
    nextSeq: ready.length,
    durations: Float64Array.from(durations as number[]),
    ...(priorities !== undefined && { priorities: Float64Array.from(priorities as number[]) }),
    newly: newlyReady.filter((v) => state[v] === READY),
  };
}

/** Refuses saved state that contradicts the graph (e.g. a package ran before its dependencies). */
export function checkRestored(g: CompiledGraph, v: number, state: number, missing: number): void {
  const name = g.names[v]!;
  const waiting = state === PENDING || state === BLOCKED;
  if (missing > 0 && !waiting) {
    throw new GraphError(
      'INVALID_STATE',
      `Saved state has "${name}" ${STATE_NAMES[state]} before its dependencies completed`,
      { pkg: name },
    );
  }
  if (missing === 0 && state === PENDING) {
    throw new GraphError(
      'INVALID_STATE',
      `Saved state has "${name}" pending although its dependencies completed`,
      { pkg: name },
    );
  }
}
