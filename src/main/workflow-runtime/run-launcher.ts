import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { checkRunInput } from '../../core/definition';
import { IpcFailure, type RunRecord, type StoredDefinition } from '../../core/ipc';
import type { RetryOptions, RunLauncher, StartRunOptions } from '../ipc/handlers/runs-handlers';
import type { RunMonitor } from '../run-monitor/run-monitor';
import type { Store } from '../store';
import { historyEstimates, historyWorkspace } from './history-estimates';
import type { WorkflowRegistry } from './workflow-registry';

/**
 * Inputs every generated workflow accepts next to its own (RunOptions of the generated shared.ts):
 * `seed` (a retried run's completed packages) and `estimatedDurationsMs` (build history → ETA,
 * critical-path-first order).
 */
export const SEED_FIELD = 'seed';
export const ESTIMATES_FIELD = 'estimatedDurationsMs';
/** RunOptions.maxConcurrent: the run's N instead of the definition's (run again with a lower N). */
export const MAX_CONCURRENT_FIELD = 'maxConcurrent';

export interface RunLauncherDeps {
  store: Pick<Store, 'definitions' | 'runs'> & Partial<Pick<Store, 'packageBuilds'>>;
  client: () => Promise<Client>;
  registry: Pick<WorkflowRegistry, 'ensure'>;
  monitor?: Pick<RunMonitor, 'follow' | 'lastState'>;
  /** @default Date */
  now?: () => Date;
}

/** A workflow id: the definition's name as a slug plus a short random suffix (`package-builder-k3x9q2ab`). */
export function runWorkflowId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'workflow';
  return `${slug}-${randomBytes(5).toString('hex').slice(0, 8)}`;
}

/**
 * Starts stored definitions on Temporal: registry.ensure (compile, bundle, load into the worker)
 * → client.workflow.start → the run record (stored) → the RunMonitor follows it.
 */
export class WorkflowRunLauncher implements RunLauncher {
  constructor(private readonly deps: RunLauncherDeps) {}

  async start(
    definition: StoredDefinition,
    input: Record<string, unknown>,
    options: StartRunOptions = {},
  ): Promise<RunRecord> {
    // The run form checks too, but the CLI and the API reach here directly: a wrong input is named
    // now, not as a failed workflow task on the worker.
    const problems = checkRunInput(definition.definition.settings?.inputs ?? [], input);
    if (problems.length > 0) throw new IpcFailure('INVALID_INPUT', problems.join('; '));
    const registered = await this.deps.registry.ensure(definition);
    if (!registered) throw new IpcFailure('COMPILE_ERROR', `"${definition.name}" compiled to no workflow`);
    const client = await this.deps.client();
    const workflowId = runWorkflowId(definition.name);
    const args = { ...input };
    const estimates = this.estimates(definition.id, historyWorkspace(input));
    if (args[ESTIMATES_FIELD] === undefined && estimates) args[ESTIMATES_FIELD] = estimates;
    const handle = await client.workflow.start(registered.workflowType, {
      taskQueue: registered.taskQueue,
      workflowId,
      args: [args],
    });
    const summary: Record<string, unknown> = { input };
    if (options.retryOf) summary.retryOf = options.retryOf;
    const record = this.deps.store.runs.upsert({
      workflowId,
      runId: handle.firstExecutionRunId,
      definitionId: definition.id,
      definitionVersion: definition.version,
      workflowType: registered.workflowType,
      taskQueue: registered.taskQueue,
      status: 'running',
      startedAt: (this.deps.now?.() ?? new Date()).toISOString(),
      closedAt: null,
      summary,
    });
    this.deps.monitor?.follow(record);
    return record;
  }

  /**
   * A new run after close, of the same definition version, linked to the old one
   * (`summary.retryOf`): with the old input, edited by `options.input` and `options.maxConcurrent`,
   * and — unless `reuseCompleted` is false — seeded with the old run's completed packages (from the
   * monitor's last state, else the summary stored at close). `packages` retries just those failed
   * packages and their dependents.
   */
  async retry(workflowId: string, options: RetryOptions = {}): Promise<RunRecord> {
    const old = this.deps.store.runs.get(workflowId);
    if (old.status === 'running') {
      throw new IpcFailure(
        'INVALID_INPUT',
        `Run ${workflowId} is still running: send retryFailed to it instead`,
      );
    }
    if (old.definitionId === null || old.definitionVersion === null) {
      throw new IpcFailure('INVALID_INPUT', `Run ${workflowId} was not started from a stored definition`);
    }
    const reuse = options.reuseCompleted ?? true;
    if (options.packages && !reuse) {
      throw new IpcFailure('INVALID_INPUT', 'Retrying single packages needs the completed packages reused');
    }
    const definition = this.deps.store.definitions.get(old.definitionId, old.definitionVersion);
    const summary = (old.summary ?? {}) as {
      input?: Record<string, unknown>;
      completed?: unknown;
      skipped?: unknown;
      failed?: unknown;
    };
    const last = this.deps.monitor?.lastState(workflowId);
    const completed = last?.completed ?? (Array.isArray(summary.completed) ? summary.completed : []);
    // Skipped packages (no such script) are not run again either.
    const skipped = last ? (last.skipped ?? []) : Array.isArray(summary.skipped) ? summary.skipped : [];
    if (options.packages) {
      const failed = new Set(
        (
          last?.failed ?? (Array.isArray(summary.failed) ? (summary.failed as Array<{ name: string }>) : [])
        ).map((f) => f.name),
      );
      const notFailed = options.packages.filter((name) => !failed.has(name));
      if (notFailed.length > 0) {
        throw new IpcFailure(
          'INVALID_INPUT',
          `Cannot retry ${notFailed.join(', ')}: not a failed package of run ${workflowId}` +
            (failed.size > 0 ? ` (failed: ${[...failed].join(', ')})` : ' (it has no failed packages)'),
        );
      }
    }
    // The old run's own inputs: a seed it was given is replaced, its N kept unless edited.
    const { [SEED_FIELD]: _oldSeed, ...oldInput } = summary.input ?? {};
    const input: Record<string, unknown> = { ...oldInput, ...options.input };
    if (options.maxConcurrent !== undefined) input[MAX_CONCURRENT_FIELD] = options.maxConcurrent;
    if (reuse) {
      input[SEED_FIELD] = {
        // Names and durations only: without a child of their own they show as "up to date".
        completed: (completed as unknown[]).flatMap(seedEntry),
        skipped: (skipped as unknown[]).flatMap(seedEntry),
        previousWorkflowId: workflowId,
        ...(options.packages && { only: options.packages }),
      };
    }
    return this.start(definition, input, { retryOf: workflowId });
  }

  /** What the next run of this definition in `workspace` is fed per package (undefined without history). */
  private estimates(definitionId: string, workspace: string | null): Record<string, number> | undefined {
    const packageBuilds = this.deps.store.packageBuilds;
    return packageBuilds ? historyEstimates(packageBuilds, definitionId, workspace) : undefined;
  }
}

/** A completed package as a seed entry: its name and duration, not its child (it gets none). */
function seedEntry(c: unknown): Array<string | { name: string; durationMs?: number }> {
  if (typeof c === 'string') return [c];
  const entry = c as { name?: unknown; durationMs?: unknown } | null;
  if (typeof entry?.name !== 'string') return [];
  return [
    typeof entry.durationMs === 'number'
      ? { name: entry.name, durationMs: entry.durationMs }
      : { name: entry.name },
  ];
}
