import { z } from 'zod';
import { PackageViewSchema, RunSummarySchema, type PackageView, type RunView } from './run-view';

/**
 * What changed in a run's view between two updates: the summary (small, always whole) and only
 * the packages whose view changed. Main numbers deltas 1, 2, … per workflow; a receiver that sees
 * a number skipped asks for a snapshot again.
 */
export const RunDeltaSchema = z
  .object({
    summary: RunSummarySchema,
    /** Packages whose view changed, with their whole new view. */
    changed: z.record(z.string(), PackageViewSchema),
    /** Packages no longer in the run (a graph read again after a continue-as-new). */
    removed: z.array(z.string()).optional(),
  })
  .strict();
/** What changed in a run's view. */
export type RunDelta = z.infer<typeof RunDeltaSchema>;

function samePackage(a: PackageView, b: PackageView): boolean {
  return (
    a.status === b.status &&
    a.startedAt === b.startedAt &&
    a.durationMs === b.durationMs &&
    a.attempt === b.attempt &&
    a.childWorkflowId === b.childWorkflowId &&
    a.error === b.error &&
    a.blockedBy === b.blockedBy &&
    a.remediating === b.remediating &&
    a.estimateMs === b.estimateMs &&
    sameBuilds(a.builds, b.builds)
  );
}

function sameBuilds(a: PackageView['builds'], b: PackageView['builds']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.attempt === y.attempt &&
      x.startedAtMs === y.startedAtMs &&
      x.finishedAtMs === y.finishedAtMs &&
      x.outcome === y.outcome
    );
  });
}

/** The delta from `before` to `after` (`before` undefined: every package is changed). */
export function diffRunViews(before: RunView | undefined, after: RunView): RunDelta {
  const changed: Record<string, PackageView> = {};
  for (const [name, view] of Object.entries(after.packages)) {
    const old = before?.packages[name];
    if (!old || !samePackage(old, view)) changed[name] = view;
  }
  const removed = before ? Object.keys(before.packages).filter((n) => !(n in after.packages)) : [];
  return { summary: after.summary, changed, ...(removed.length > 0 ? { removed } : {}) };
}

/** True when applying the delta to `before` would change nothing. */
export function isEmptyRunDelta(before: RunView | undefined, delta: RunDelta): boolean {
  return (
    before !== undefined &&
    Object.keys(delta.changed).length === 0 &&
    (delta.removed?.length ?? 0) === 0 &&
    JSON.stringify(before.summary) === JSON.stringify(delta.summary)
  );
}

/**
 * Applies a delta. Returns a new view whose `packages` object is new but whose unchanged package
 * entries are the same objects as before, so views can re-render only the packages that changed.
 */
export function applyRunDelta(view: RunView | undefined, delta: RunDelta): RunView {
  const packages: Record<string, PackageView> = { ...(view?.packages ?? {}), ...delta.changed };
  for (const name of delta.removed ?? []) delete packages[name];
  return { summary: delta.summary, packages };
}
