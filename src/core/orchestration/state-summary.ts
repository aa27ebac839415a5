import { summarizeRun, type RunSummary } from '../graph/run-summary';
import type { PackageSpec } from '../graph/types';
import type { OrchestrationState } from './orchestration-state';

/**
 * The run summary (`summarizeRun`) of an OrchestrationState, for readers that have
 * only the state (the report writer). The state carries durations but not each child's start and
 * end, so its utilisation has the average only; and it carries no edges, so unless `packages`
 * (with their dependencies) is given the critical path is just the longest package —
 * `edgesKnown` says which.
 */
export function summarizeState(
  state: OrchestrationState,
  packages?: readonly PackageSpec[],
): { summary: RunSummary; edgesKnown: boolean } {
  const names = new Set<string>([
    ...Object.keys(state.eta.estimatedDurationsMs),
    ...state.completed.map((p) => p.name),
    ...(state.skipped ?? []).map((p) => p.name),
    ...state.failed.map((p) => p.name),
    ...state.blocked.map((p) => p.name),
    ...state.active.map((p) => p.name),
    ...state.queue,
  ]);
  const specs = packages ?? [...names].map((name) => ({ name }));
  const summary = summarizeRun({
    packages: specs,
    slots: Math.max(1, state.concurrency.max),
    attempts: [
      ...state.completed.map((p) => ({
        name: p.name,
        outcome: 'completed' as const,
        durationMs: p.durationMs,
      })),
      ...(state.skipped ?? []).map((p) => ({
        name: p.name,
        outcome: 'skipped' as const,
        durationMs: p.durationMs,
      })),
      ...state.failed.map((p) => ({ name: p.name, outcome: 'failed' as const, error: p.error })),
      ...state.active.map((p) => ({
        name: p.name,
        outcome: 'running' as const,
        attempt: p.attempt,
        startedAtMs: Date.parse(p.startedAt),
      })),
    ],
    blocked: state.blocked,
    startedAtMs: Date.parse(state.startedAt),
    ...(state.finishedAt !== undefined && { finishedAtMs: Date.parse(state.finishedAt) }),
  });
  return { summary, edgesKnown: packages !== undefined };
}
