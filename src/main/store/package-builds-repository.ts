import { z } from 'zod';
import { normalizeTime, type StoreContext } from './context';
import { StoreError, issuePath } from './store-error';
import type { RecordedBuild } from '../../core/run-status';

export const PackageBuildStatusSchema = z.enum(['succeeded', 'failed', 'cancelled']);
export type PackageBuildStatus = z.infer<typeof PackageBuildStatusSchema>;

const PackageBuildSchema = z
  .object({
    definitionId: z.string().min(1).nullable().optional(),
    packageName: z.string().min(1).max(500),
    workflowId: z.string().min(1).nullable().optional(),
    status: PackageBuildStatusSchema,
    durationMs: z.number().finite().nonnegative(),
    /** The build's own time (the child's result), without the child's overhead; null when unknown. */
    buildMs: z.number().finite().nonnegative().nullable().optional(),
    /** The workspace root the run built (its `workspaceRoot` input); null when it names none. */
    workspace: z.string().min(1).max(4096).nullable().optional(),
    /** Default: now. */
    finishedAt: z.string().optional(),
  })
  .strict();
export type PackageBuildInput = z.input<typeof PackageBuildSchema>;

/** One recorded build: what the parent observed (build + the child's overhead) and the build's own time. */
export type BuildSample = RecordedBuild;

/** Per-package build history, the input of ETA estimates. */
export class PackageBuildsRepository {
  constructor(private readonly ctx: StoreContext) {}

  /** Records one finished package build (durationMs is rounded to a whole millisecond). */
  record(input: PackageBuildInput): void {
    const { file } = this.ctx;
    const parsed = PackageBuildSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? issuePath(issue.path) : '';
      throw new StoreError(
        'INVALID',
        `package build is invalid${path ? ` at ${path}` : ''}: ${issue?.message ?? 'unknown problem'}`,
        { file, path },
      );
    }
    const build = parsed.data;
    const finishedAt = build.finishedAt === undefined ? this.ctx.now() : normalizeTime(build.finishedAt);
    if (finishedAt === undefined)
      throw new StoreError('INVALID', `finishedAt is not a valid timestamp: ${build.finishedAt}`, {
        file,
        path: 'finishedAt',
      });
    this.ctx.write(() => {
      this.ctx.db
        .prepare(
          'INSERT INTO package_builds (definition_id, package_name, workflow_id, status, duration_ms, build_ms, finished_at, workspace) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          build.definitionId ?? null,
          build.packageName,
          build.workflowId ?? null,
          build.status,
          Math.round(build.durationMs),
          build.buildMs == null ? null : Math.round(build.buildMs),
          finishedAt,
          build.workspace ?? null,
        );
    });
  }

  /**
   * Durations (ms) of the most recent successful builds per package, newest first, at most
   * `limitPerPackage` each. Filters by definition when `definitionId` is given and to `packages`
   * when given; packages without any successful build are absent from the map.
   */
  durationHistory(
    definitionId?: string | null,
    packages?: readonly string[],
    limitPerPackage = 20,
  ): Map<string, number[]> {
    const history = new Map<string, number[]>();
    for (const [name, samples] of this.buildSamples(definitionId, packages, limitPerPackage))
      history.set(
        name,
        samples.map((s) => s.observedMs),
      );
    return history;
  }

  /**
   * The most recent successful builds per package as (parent-observed duration, build time) pairs,
   * newest first, at most `limitPerPackage` each; `buildMs` is null for builds recorded without one.
   * Same filters as durationHistory; with `workspace` (undefined: any), only builds in that
   * workspace root (null: builds recorded without one).
   */
  buildSamples(
    definitionId?: string | null,
    packages?: readonly string[],
    limitPerPackage = 20,
    workspace?: string | null,
  ): Map<string, BuildSample[]> {
    if (!Number.isInteger(limitPerPackage) || limitPerPackage < 1) {
      throw new StoreError('INVALID', `limitPerPackage must be a positive integer (got ${limitPerPackage})`, {
        file: this.ctx.file,
        path: 'limitPerPackage',
      });
    }
    const history = new Map<string, BuildSample[]>();
    if (packages !== undefined && packages.length === 0) return history;
    return this.ctx.read(() => {
      const rows = this.ctx.db
        .prepare<
          {
            definitionId: string | null;
            packages: string | null;
            limit: number;
            anyWorkspace: number;
            workspace: string | null;
          },
          { package_name: string; duration_ms: number; build_ms: number | null }
        >(
          `SELECT package_name, duration_ms, build_ms FROM (
             SELECT package_name, duration_ms, build_ms,
                    ROW_NUMBER() OVER (PARTITION BY package_name ORDER BY finished_at DESC, id DESC) AS rn
               FROM package_builds
              WHERE status = 'succeeded'
                AND (@definitionId IS NULL OR definition_id = @definitionId)
                AND (@packages IS NULL OR package_name IN (SELECT value FROM json_each(@packages)))
                AND (@anyWorkspace = 1 OR workspace IS @workspace)
           ) WHERE rn <= @limit
           ORDER BY package_name, rn`,
        )
        .all({
          definitionId: definitionId ?? null,
          packages: packages === undefined ? null : JSON.stringify(packages),
          limit: limitPerPackage,
          anyWorkspace: workspace === undefined ? 1 : 0,
          workspace: workspace ?? null,
        });
      for (const row of rows) {
        const sample: BuildSample = { observedMs: row.duration_ms, buildMs: row.build_ms };
        const list = history.get(row.package_name);
        if (list) list.push(sample);
        else history.set(row.package_name, [sample]);
      }
      return history;
    });
  }
}
