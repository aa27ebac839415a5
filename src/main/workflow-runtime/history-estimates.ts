import { estimatesFromHistory } from '../../core/run-status';
import { WORKSPACE_ROOT_INPUT } from '../examples/monorepo-build';
import type { Store } from '../store';

/** How many recent builds per package the estimates look at. */
export const ESTIMATE_HISTORY_LIMIT = 10;

/**
 * The per-package durations the launcher passes to a definition's next run (its ETA, its
 * critical-path-first order, and the run page's what-if, which reads them from the run view):
 * build time + one median per-child overhead where the last builds recorded build times, the
 * median parent-observed duration otherwise (estimatesFromHistory). Undefined without history.
 * Only builds in the run's own workspace count (`historyWorkspace` of its input): one definition
 * builds every monorepo it is pointed at, and their package names repeat.
 */
export function historyEstimates(
  packageBuilds: Pick<Store['packageBuilds'], 'buildSamples'>,
  definitionId: string,
  workspace: string | null,
  packages?: readonly string[],
): Record<string, number> | undefined {
  const history = packageBuilds.buildSamples(definitionId, packages, ESTIMATE_HISTORY_LIMIT, workspace);
  if (history.size === 0) return undefined;
  return Object.fromEntries(estimatesFromHistory(history).durations);
}

/** The workspace root a run builds (its `workspaceRoot` input), or null when its input names none. */
export function historyWorkspace(input: unknown): string | null {
  const root = (input as Record<string, unknown> | null | undefined)?.[WORKSPACE_ROOT_INPUT];
  return typeof root === 'string' && root !== '' ? root : null;
}

/** `historyWorkspace` of a stored run: its input is kept in the run's summary (`summary.input`). */
export function workspaceOfRun(record: { summary?: unknown }): string | null {
  return historyWorkspace((record.summary as { input?: unknown } | null | undefined)?.input);
}
