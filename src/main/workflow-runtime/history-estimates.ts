import { estimatesFromHistory } from '../../core/run-status';
import type { Store } from '../store';

/** How many recent builds per package the estimates look at. */
export const ESTIMATE_HISTORY_LIMIT = 10;

/**
 * The per-package durations the launcher passes to a definition's next run (its ETA, its
 * critical-path-first order, and the run page's what-if, which reads them from the run view):
 * build time + one median per-child overhead where the last builds recorded build times, the
 * median parent-observed duration otherwise (estimatesFromHistory). Undefined without history.
 */
export function historyEstimates(
  packageBuilds: Pick<Store['packageBuilds'], 'buildSamples'>,
  definitionId: string,
  packages?: readonly string[],
): Record<string, number> | undefined {
  const history = packageBuilds.buildSamples(definitionId, packages, ESTIMATE_HISTORY_LIMIT);
  if (history.size === 0) return undefined;
  return Object.fromEntries(estimatesFromHistory(history).durations);
}
