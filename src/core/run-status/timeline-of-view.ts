import { runTimeline, type RunAttempt, type RunTimeline } from '../graph';
import type { PackageSpec } from '../graph/types';
import type { RunView } from './run-view';

/**
 * The run charts' timeline (src/core/graph/run-timeline.ts) of a live or finished run view: the
 * packages' build spans from the history, the graph's dependencies for the ready times. A
 * package the view lists but the graph does not (a graph read at run time) has no known
 * dependencies. The window runs from the run's start to its end, or to `nowMs` while it runs
 * (never before the last time the history told).
 */
export function timelineOfView(view: RunView, graph: readonly PackageSpec[], nowMs: number): RunTimeline {
  const specs: PackageSpec[] = [...graph];
  const known = new Set(graph.map((p) => p.name));
  for (const name of Object.keys(view.packages)) if (!known.has(name)) specs.push({ name });

  const attempts: RunAttempt[] = [];
  const reused: string[] = [];
  let latest = -Infinity;
  let earliest = Infinity;
  for (const [name, pkg] of Object.entries(view.packages)) {
    if (pkg.status === 'up-to-date') reused.push(name);
    for (const b of pkg.builds ?? []) {
      attempts.push({
        name,
        attempt: b.attempt,
        outcome: b.outcome,
        startedAtMs: b.startedAtMs,
        ...(b.finishedAtMs !== undefined && { finishedAtMs: b.finishedAtMs }),
      });
      earliest = Math.min(earliest, b.startedAtMs);
      latest = Math.max(latest, b.finishedAtMs ?? b.startedAtMs);
    }
  }
  const { summary } = view;
  const declaredStart = Date.parse(summary.startedAt);
  const startedAtMs = Number.isFinite(declaredStart) ? Math.min(declaredStart, earliest) : earliest;
  const over = summary.closed !== undefined || summary.phase === 'finished';
  const finished = summary.finishedAt !== undefined ? Date.parse(summary.finishedAt) : NaN;
  const end = over ? (Number.isFinite(finished) ? finished : latest) : nowMs;
  const safeStart = Number.isFinite(startedAtMs) ? startedAtMs : nowMs;
  return runTimeline({
    packages: specs,
    slots: Math.max(1, summary.concurrency.max),
    attempts,
    reused,
    startedAtMs: safeStart,
    endMs: Math.max(safeStart, Number.isFinite(end) ? end : safeStart, latest),
  });
}
