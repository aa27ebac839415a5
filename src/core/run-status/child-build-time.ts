/**
 * The build's own time in a package child's result, as the host reads it from the parent's history
 * (the run monitor records it beside the parent-observed time). Not part of the vendored workflow
 * runtime: workflows never need it. Pure.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The build's own time (ms) in a package child's result: the activity's `durationMs`, on the
 * result itself or on the node result that carries one (a generated child returns its nodes'
 * results by node id, the build node's being `{ build: { durationMs } }`). Undefined when no
 * node says, or more than one does (which time is "the build" is then unknown).
 */
export function buildTimeOfResult(result: unknown): number | undefined {
  if (!isRecord(result)) return undefined;
  const own = result.durationMs;
  if (typeof own === 'number') return Number.isFinite(own) && own >= 0 ? own : undefined;
  const times = Object.values(result)
    .filter(isRecord)
    .map((node) => node.durationMs)
    .filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && t >= 0);
  return times.length === 1 ? times[0] : undefined;
}
