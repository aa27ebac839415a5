/**
 * What a package loop reads from a package child's result: the workflow runtime (the parent) and
 * the host (from the parent's history) read it the same way. Pure.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * True when a package's child built nothing because the package has none of the requested
 * scripts. The activity says so with `skipped: true` (BuildPackageResult); a generated child
 * returns its nodes' results by node id, so the flag is looked for on the result itself, else on
 * each node result that carries one — all of them must say skipped (a child that built in one
 * node and skipped in another did build).
 */
export function isSkippedResult(result: unknown): boolean {
  if (!isRecord(result)) return false;
  if (typeof result.skipped === 'boolean') return result.skipped;
  const flags = Object.values(result)
    .filter(isRecord)
    .map((node) => node.skipped)
    .filter((flag): flag is boolean => typeof flag === 'boolean');
  return flags.length > 0 && flags.every((flag) => flag);
}
