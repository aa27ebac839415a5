import { useMemo } from 'react';
import type { DependencyGraph, RunTimeline } from '../../../../core/graph';
import type { RunGraph } from '../../../../core/ipc/contract';
import {
  predictedVsActual,
  timelineOfView,
  type PredictedVsActual,
  type RunView,
} from '../../../../core/run-status';

/**
 * The run's timeline (segments, in-flight steps, why-was-it-slow), computed once per view update
 * (and per tick of `now` while it runs) for every chart of the page.
 */
export function useRunTimeline(
  graph: RunGraph | null,
  view: RunView | null,
  now: number,
): RunTimeline | null {
  const specs = useMemo(
    () => graph?.packages.map((p) => ({ name: p.name, dependencies: p.dependencies })) ?? [],
    [graph],
  );
  return useMemo(() => {
    if (!graph || !view) return null;
    try {
      return timelineOfView(view, specs, now);
    } catch {
      return null; // a view the engine refuses (e.g. a cycle) has no charts
    }
  }, [graph, view, specs, now]);
}

/**
 * After a completed run: the what-if's prediction at its N (the estimates it ran with) against
 * the makespan it took, and the same schedule replayed with its own build times.
 */
export function usePredictedVsActual(
  engine: DependencyGraph | null | undefined,
  view: RunView | null,
  timeline: RunTimeline | null,
): PredictedVsActual | null {
  return useMemo(() => {
    if (!engine || !view || !timeline || view.summary.closed !== 'completed') return null;
    const estimates: Record<string, number> = {};
    const actual: Record<string, number> = {};
    for (const [name, p] of Object.entries(view.packages)) {
      if (p.estimateMs !== undefined) estimates[name] = p.estimateMs;
      if (p.status === 'up-to-date') actual[name] = 0;
    }
    for (const p of timeline.summary.packages) if (p.status === 'completed') actual[p.name] = p.durationMs;
    try {
      return predictedVsActual(engine, estimates, actual, timeline.slots, timeline.slowness.makespanMs);
    } catch {
      return null;
    }
  }, [engine, view, timeline]);
}
