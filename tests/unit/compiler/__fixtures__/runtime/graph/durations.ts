import type { CompiledGraph } from './csr';
import { GraphError } from './graph-error';
import type { DurationInput, GraphNode } from './types';

/**
 * Duration used when a package has neither history nor a declared estimate. It is 1 (ms) on
 * purpose: unknown packages then weigh as one hop each, so critical-path-first degrades to "longest
 * chain of packages first" instead of treating them as free.
 */
export const DEFAULT_DURATION_MS = 1;

/** Median of the finite, non-negative samples (mean of the middle two for an even count), or undefined. */
export function median(samples: readonly number[]): number | undefined {
  const valid = samples.filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  const mid = valid.length >> 1;
  if (valid.length === 0) return undefined;
  return valid.length % 2 === 1 ? valid[mid] : ((valid[mid - 1] as number) + (valid[mid] as number)) / 2;
}

/** Looks a name up in a Map or a plain record without touching the record's prototype. */
export function lookupDuration(input: DurationInput | undefined, name: string): number | undefined {
  if (input === undefined) return undefined;
  if (isMap(input)) return input.get(name);
  return Object.hasOwn(input, name) ? (input as Readonly<Record<string, number>>)[name] : undefined;
}

function isMap(input: DurationInput): input is ReadonlyMap<string, number> {
  // Duck-typed rather than instanceof: a Map created in another realm (workflow sandbox) still works.
  return typeof (input as ReadonlyMap<string, number>).get === 'function';
}

function checkDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new GraphError(
      'INVALID_ARGUMENT',
      `Duration of package "${name}" must be a finite number of milliseconds >= 0, got ${String(value)}`,
      { pkg: name },
    );
  }
  return value;
}

/**
 * Durations by package id: the given value, else the package's declared estimate, else
 * DEFAULT_DURATION_MS. Names in `input` that are not in the graph are ignored (history often
 * mentions packages that were removed since). O(V).
 */
export function resolveDurations(g: CompiledGraph, input?: DurationInput): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const name = g.names[v]!;
    const given = lookupDuration(input, name);
    const declared = g.declared[v]!;
    out[v] = checkDuration(
      name,
      given !== undefined ? given : Number.isNaN(declared) ? DEFAULT_DURATION_MS : declared,
    );
  }
  return out;
}

/**
 * Estimated duration (ms) of every package, the input of critical-path-first scheduling and ETAs:
 * the median of its run history (robust to the odd cold-cache outlier), else the estimate in
 * `declared`, else the package's own `estimatedDurationMs`, else DEFAULT_DURATION_MS.
 *
 * @param graph - anything listing the packages, normally a DependencyGraph.
 * @param history - past durations (ms) by package name.
 * @param declared - declared estimates (ms) by package name, overriding the graph's own.
 */
export function estimateDurations(
  graph: { nodes(): readonly GraphNode[] },
  history?: ReadonlyMap<string, readonly number[]>,
  declared?: DurationInput,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const node of graph.nodes()) {
    const samples = history?.get(node.name);
    const value =
      (samples ? median(samples) : undefined) ??
      lookupDuration(declared, node.name) ??
      node.estimatedDurationMs ??
      DEFAULT_DURATION_MS;
    result.set(node.name, checkDuration(node.name, value));
  }
  return result;
}

/**
 * The estimates of `estimateDurations` (without history) that are known — from `declared` or the
 * package's own `estimatedDurationMs` — leaving out the packages that would get the default: what a
 * child is told as its expected build time, where "unknown" must stay distinguishable.
 */
export function knownDurations(
  graph: { nodes(): readonly GraphNode[] },
  declared?: DurationInput,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const node of graph.nodes()) {
    const value = lookupDuration(declared, node.name) ?? node.estimatedDurationMs;
    if (value !== undefined) result.set(node.name, checkDuration(node.name, value));
  }
  return result;
}
