import { z } from 'zod';
import type { OrchestrationState } from '../orchestration/orchestration-state';
import { PACKAGE_RUN_STATUSES, type PackageRunStatus } from './package-status';

/**
 * A run as the dashboard shows it: the orchestration state (the workflow's query answer) mapped
 * to one status per package plus a small run-level summary. Main builds it from each query answer
 * and sends only what changed (see run-delta.ts); the renderer applies the changes.
 */

/** How a run ended, when it did (the run index's statuses without running/continued_as_new). */
export const RunCloseStatusSchema = z.enum(['completed', 'failed', 'cancelled', 'terminated', 'timed_out']);
/** How a run ended. */
export type RunCloseStatus = z.infer<typeof RunCloseStatusSchema>;

/**
 * One build attempt of a package as the parent's history tells it (server time, ms since the
 * epoch): its child's start and close. Main reads them from the history it follows; the run
 * charts draw them (src/core/graph/run-timeline.ts).
 */
export const BuildSpanSchema = z
  .object({
    attempt: z.number().int().positive(),
    startedAtMs: z.number(),
    /** Absent while the build runs. */
    finishedAtMs: z.number().optional(),
    outcome: z.enum(['completed', 'failed', 'cancelled', 'running']),
  })
  .strict();
/** One build attempt of a package, from the parent's history. */
export type BuildSpan = z.infer<typeof BuildSpanSchema>;

/** What the dashboard knows of one package. Optional fields are absent when not applicable. */
export const PackageViewSchema = z
  .object({
    status: z.enum(PACKAGE_RUN_STATUSES),
    /** Start of the current (or last) build, ISO workflow time. */
    startedAt: z.string().optional(),
    /** Build time of a completed (or skipped) package. */
    durationMs: z.number().optional(),
    /** 1 for the first build, more after retries. */
    attempt: z.number().int().optional(),
    childWorkflowId: z.string().optional(),
    error: z.string().optional(),
    blockedBy: z.string().optional(),
    /** True while a failed package's remediation child runs (a rebuild follows). */
    remediating: z.boolean().optional(),
    /** The estimate the scheduler uses (history or the declared estimate). */
    estimateMs: z.number().optional(),
    /** Its build attempts with their times, oldest first; absent when the history was not read. */
    builds: z.array(BuildSpanSchema).optional(),
  })
  .strict();
/** What the dashboard knows of one package. */
export type PackageView = z.infer<typeof PackageViewSchema>;

/** The run-level part of a view: small, sent whole with every change. */
export const RunSummarySchema = z
  .object({
    workflowType: z.string(),
    phase: z.enum(['building', 'draining', 'awaiting-retry', 'finished']),
    totals: z
      .object({
        packages: z.number(),
        completed: z.number(),
        /** Packages whose child ran nothing (no such script); absent for older runs. */
        skipped: z.number().optional(),
        failed: z.number(),
        blocked: z.number(),
        active: z.number(),
        queued: z.number(),
        pending: z.number(),
      })
      .strict(),
    concurrency: z.object({ now: z.number(), max: z.number() }).strict(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    closed: RunCloseStatusSchema.optional(),
    /** Ready packages not started yet, in scheduling order (names). */
    queue: z.array(z.string()),
    generation: z.number().int(),
  })
  .strict();
/** The run-level part of a view. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** The whole view of a run. */
export const RunViewSchema = z
  .object({ summary: RunSummarySchema, packages: z.record(z.string(), PackageViewSchema) })
  .strict();
/** The whole view of a run. */
export type RunView = z.infer<typeof RunViewSchema>;

/**
 * Maps an orchestration state to per-package statuses. `names` are the packages of the graph (so
 * that packages the state does not list yet show as pending); `closed` is how the run ended.
 *
 * - completed: `up-to-date` when reused from a retried run's seed (no child), else `completed`;
 * - skipped (the child ran nothing: no such script): `skipped`;
 * - active: `building` (`cancelled` once the run was cancelled or terminated);
 * - queued: `ready` while a slot is free, else `waiting-for-slot`;
 * - neither: `pending` while the loop runs, then `cancelled` (the run stopped before it, as fail
 *   fast does).
 */
export function toRunView(
  state: OrchestrationState,
  options: {
    names?: readonly string[];
    closed?: RunCloseStatus;
    /** Build attempts per package, read from the history (see BuildSpanSchema). */
    builds?: ReadonlyMap<string, readonly BuildSpan[]>;
  } = {},
): RunView {
  const { closed, builds } = options;
  const stopped = closed === 'cancelled' || closed === 'terminated' || closed === 'timed_out';
  const loopOver = closed !== undefined || state.phase === 'finished';
  const packages: Record<string, PackageView> = {};
  const estimates = state.eta?.estimatedDurationsMs ?? {};
  const put = (name: string, view: PackageView): void => {
    const estimateMs = estimates[name];
    const spans = builds?.get(name);
    packages[name] = {
      ...view,
      ...(estimateMs !== undefined && { estimateMs }),
      ...(spans !== undefined && spans.length > 0 && { builds: [...spans] }),
    };
  };
  const leftOver: PackageRunStatus = loopOver || stopped ? 'cancelled' : 'pending';
  for (const name of options.names ?? []) put(name, { status: leftOver });
  for (const name of Object.keys(estimates)) if (!(name in packages)) put(name, { status: leftOver });

  const slotFree = state.concurrency.now < state.concurrency.max;
  for (const name of state.queue)
    put(name, { status: loopOver ? leftOver : slotFree ? 'ready' : 'waiting-for-slot' });
  for (const b of state.blocked) put(b.name, { status: 'blocked', blockedBy: b.blockedBy });
  for (const f of state.failed)
    put(f.name, {
      status: 'failed',
      error: f.error,
      ...(f.childWorkflowId ? { childWorkflowId: f.childWorkflowId } : {}),
    });
  for (const c of state.completed)
    put(
      c.name,
      c.childWorkflowId === ''
        ? { status: 'up-to-date', durationMs: c.durationMs }
        : { status: 'completed', durationMs: c.durationMs, childWorkflowId: c.childWorkflowId },
    );
  for (const s of state.skipped ?? [])
    put(s.name, {
      status: 'skipped',
      durationMs: s.durationMs,
      ...(s.childWorkflowId ? { childWorkflowId: s.childWorkflowId } : {}),
    });
  for (const a of state.active)
    put(a.name, {
      status: stopped ? 'cancelled' : 'building',
      startedAt: a.startedAt,
      attempt: a.attempt,
      childWorkflowId: a.childWorkflowId,
      ...(a.remediating ? { remediating: true } : {}),
    });

  return {
    summary: {
      workflowType: state.workflowType,
      phase: state.phase,
      totals: { ...state.totals },
      concurrency: { ...state.concurrency },
      startedAt: state.startedAt,
      ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
      ...(closed ? { closed } : {}),
      queue: [...state.queue],
      generation: state.continueAsNew?.generation ?? 0,
    },
    packages,
  };
}

/** Counts packages per status. */
export function countStatuses(view: RunView): Record<PackageRunStatus, number> {
  const counts = Object.fromEntries(PACKAGE_RUN_STATUSES.map((s) => [s, 0])) as Record<
    PackageRunStatus,
    number
  >;
  for (const p of Object.values(view.packages)) counts[p.status] += 1;
  return counts;
}
