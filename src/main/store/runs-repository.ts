import { RunRecordSchema, type RunRecord, type RunStatus } from '../../core/ipc/contract';
import { normalizeTime, type StoreContext } from './context';
import { StoreError, issuePath } from './store-error';

export interface ListRunsOptions {
  definitionId?: string;
  /** Only runs in this status (e.g. 'running' to resume monitoring after a restart). */
  status?: RunStatus;
  /** 1–500, default 50. */
  limit?: number;
}

export interface MarkClosedInput {
  status: Exclude<RunStatus, 'running'>;
  /** Default: now. */
  closedAt?: string;
  /** Default: the workflow's most recent run. */
  runId?: string;
  /** Replaces the stored summary when given. */
  summary?: unknown;
}

interface RunRow {
  workflow_id: string;
  run_id: string;
  definition_id: string | null;
  definition_version: number | null;
  workflow_type: string;
  task_queue: string;
  status: string;
  started_at: string;
  closed_at: string | null;
  summary_json: string | null;
}

const MAX_LIMIT = 500;

/**
 * The app's own index of the runs it started, one row per (workflowId, runId): a
 * continued-as-new chain is several rows sharing a workflowId. Not a mirror of the server's
 * visibility list, which can lose older workflows (temporalio/temporal#7919).
 */
export class RunsRepository {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * Inserts or updates a run. A closed run never goes back to 'running' (a late, stale update
   * keeps the closed status and time); a null definition link or an omitted summary keeps what
   * is stored. A closed status without closedAt is stamped with now.
   */
  upsert(record: RunRecord): RunRecord {
    const { file } = this.ctx;
    const parsed = RunRecordSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? issuePath(issue.path) : '';
      throw new StoreError(
        'INVALID',
        `run record is invalid${path ? ` at ${path}` : ''}: ${issue?.message ?? 'unknown problem'}`,
        { file, path },
      );
    }
    const run = parsed.data;
    const startedAt = this.time(run.startedAt, 'startedAt');
    if (run.status === 'running' && run.closedAt !== null) {
      throw new StoreError('INVALID', 'a running run cannot have closedAt', { file, path: 'closedAt' });
    }
    const closedAt =
      run.status === 'running'
        ? null
        : run.closedAt === null
          ? this.ctx.now()
          : this.time(run.closedAt, 'closedAt');
    const summaryJson = this.summaryJson(run.summary);
    return this.ctx.write(() => {
      this.ctx.db
        .prepare(
          `INSERT INTO runs (workflow_id, run_id, definition_id, definition_version, workflow_type, task_queue, status, started_at, closed_at, summary_json, updated_at)
           VALUES (@workflowId, @runId, @definitionId, @definitionVersion, @workflowType, @taskQueue, @status, @startedAt, @closedAt, @summaryJson, @now)
           ON CONFLICT (workflow_id, run_id) DO UPDATE SET
             definition_id      = COALESCE(excluded.definition_id, runs.definition_id),
             definition_version = COALESCE(excluded.definition_version, runs.definition_version),
             workflow_type      = excluded.workflow_type,
             task_queue         = excluded.task_queue,
             started_at         = excluded.started_at,
             status    = CASE WHEN runs.status <> 'running' AND excluded.status = 'running' THEN runs.status ELSE excluded.status END,
             closed_at = CASE WHEN runs.status <> 'running' AND excluded.status = 'running' THEN runs.closed_at ELSE excluded.closed_at END,
             summary_json       = COALESCE(excluded.summary_json, runs.summary_json),
             updated_at         = excluded.updated_at`,
        )
        .run({
          workflowId: run.workflowId,
          runId: run.runId,
          definitionId: run.definitionId,
          definitionVersion: run.definitionVersion,
          workflowType: run.workflowType,
          taskQueue: run.taskQueue,
          status: run.status,
          startedAt,
          closedAt,
          summaryJson,
          now: this.ctx.now(),
        });
      return this.mustFind(run.workflowId, run.runId);
    });
  }

  /** Marks a run closed (default: the workflow's latest run). NOT_FOUND if the store never saw it. */
  markClosed(workflowId: string, input: MarkClosedInput): RunRecord {
    const { file } = this.ctx;
    if ((input.status as RunStatus) === 'running')
      throw new StoreError('INVALID', 'markClosed needs a closed status', { file, path: 'status' });
    const closedAt = input.closedAt === undefined ? this.ctx.now() : this.time(input.closedAt, 'closedAt');
    const summaryJson = this.summaryJson(input.summary);
    return this.ctx.write(() => {
      const current = this.mustFind(workflowId, input.runId);
      this.ctx.db
        .prepare(
          'UPDATE runs SET status = ?, closed_at = ?, summary_json = COALESCE(?, summary_json), updated_at = ? WHERE workflow_id = ? AND run_id = ?',
        )
        .run(input.status, closedAt, summaryJson, this.ctx.now(), workflowId, current.runId);
      return this.mustFind(workflowId, current.runId);
    });
  }

  /** A run by workflowId (its most recent run unless runId is given). NOT_FOUND if unknown. */
  get(workflowId: string, runId?: string): RunRecord {
    return this.ctx.read(() => this.mustFind(workflowId, runId));
  }

  /** Like get, but undefined when unknown. */
  find(workflowId: string, runId?: string): RunRecord | undefined {
    return this.ctx.read(() => {
      const row =
        runId === undefined
          ? this.ctx.db
              .prepare<[string], RunRow>(
                'SELECT * FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
              )
              .get(workflowId)
          : this.ctx.db
              .prepare<[string, string], RunRow>('SELECT * FROM runs WHERE workflow_id = ? AND run_id = ?')
              .get(workflowId, runId);
      return row && toRecord(row);
    });
  }

  /** Runs newest first (by startedAt), optionally of one definition (deleted ones included) or status. */
  list(options: ListRunsOptions = {}): RunRecord[] {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new StoreError('INVALID', `limit must be an integer from 1 to ${MAX_LIMIT} (got ${limit})`, {
        file: this.ctx.file,
        path: 'limit',
      });
    }
    return this.ctx.read(() =>
      this.ctx.db
        .prepare<{ definitionId: string | null; status: string | null; limit: number }, RunRow>(
          `SELECT * FROM runs
            WHERE (@definitionId IS NULL OR definition_id = @definitionId) AND (@status IS NULL OR status = @status)
            ORDER BY started_at DESC, rowid DESC LIMIT @limit`,
        )
        .all({ definitionId: options.definitionId ?? null, status: options.status ?? null, limit })
        .map(toRecord),
    );
  }

  private mustFind(workflowId: string, runId?: string): RunRecord {
    const found = this.find(workflowId, runId);
    if (found === undefined) {
      throw new StoreError(
        'NOT_FOUND',
        `no run recorded for workflow ${workflowId}${runId === undefined ? '' : ` run ${runId}`}`,
        { file: this.ctx.file },
      );
    }
    return found;
  }

  private time(value: string, path: string): string {
    const normalized = normalizeTime(value);
    if (normalized === undefined)
      throw new StoreError('INVALID', `${path} is not a valid timestamp: ${value}`, {
        file: this.ctx.file,
        path,
      });
    return normalized;
  }

  private summaryJson(summary: unknown): string | null {
    if (summary === undefined) return null;
    try {
      const json = JSON.stringify(summary);
      if (json === undefined) throw new Error('not representable as JSON');
      return json;
    } catch (err) {
      throw new StoreError('INVALID', `run summary cannot be stored as JSON: ${(err as Error).message}`, {
        file: this.ctx.file,
        path: 'summary',
      });
    }
  }
}

function toRecord(row: RunRow): RunRecord {
  const record: RunRecord = {
    workflowId: row.workflow_id,
    runId: row.run_id,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    workflowType: row.workflow_type,
    taskQueue: row.task_queue,
    // Written only through RunRecordSchema; a value from a future build would still read as a string.
    status: row.status as RunStatus,
    startedAt: row.started_at,
    closedAt: row.closed_at,
  };
  if (row.summary_json !== null) {
    try {
      record.summary = JSON.parse(row.summary_json) as unknown;
      // The run monitor keeps the reason a run did not complete in its summary (`error`).
      const reason = (record.summary as { error?: unknown } | null)?.error;
      if (typeof reason === 'string' && row.status !== 'completed' && row.status !== 'running') {
        record.failure = reason;
      }
    } catch {
      // An unreadable summary is dropped rather than failing the whole list.
    }
  }
  return record;
}
