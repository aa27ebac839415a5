import { WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import {
  IpcFailure,
  type RunRecord,
  type RunSnapshot,
  type RunStatus,
  type StoredDefinition,
} from '../../../core/ipc';
import { toRunView, type BuildSpan, type RunCloseStatus, type RunView } from '../../../core/run-status';
import { isOrchestrationState } from '../../run-monitor/orchestration-state';
import { buildsFromHistory } from '../../run-view/history-builds';
import { runGraphOf } from '../../run-view/run-graph';
import { stateFromSummary } from '../../run-view/stored-state';
import type { Store } from '../../store';
import type { TemporalClientProvider } from '../../temporal-client/client-provider';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../dispatcher';

/** The query every generated workflow answers (see docs/architecture/compiler.md). */
export const ORCHESTRATION_STATE_QUERY = 'getOrchestrationState';

/** Longest wait for a state query before the monitor's last state answers instead. */
const STATE_QUERY_TIMEOUT_MS = 5000;

/** Signals of the retry window every generated orchestrating workflow handles. */
export const RETRY_FAILED_SIGNAL = 'retryFailed';
export const FINISH_SIGNAL = 'finish';

export interface StartRunOptions {
  /** The closed run this one retries (stored as `summary.retryOf`). */
  retryOf?: string;
}

/**
 * Starts a stored definition on Temporal: compile, bundle, load into the worker, start.
 * Provided by the workflow runtime (src/main/workflow-runtime).
 */
export interface RunLauncher {
  start(
    definition: StoredDefinition,
    input: Record<string, unknown>,
    options?: StartRunOptions,
  ): Promise<RunRecord>;
  /** A new run after close, linked to the old one; by default seeded with its completed packages. */
  retry(workflowId: string, options?: RetryOptions): Promise<RunRecord>;
}

/** How runs.retry starts its new run (see the contract). */
export interface RetryOptions {
  /** Seed with the old run's completed packages. @default true */
  reuseCompleted?: boolean;
  /** Build only these failed packages and their dependents. */
  packages?: string[];
  /** Inputs replacing the old run's. */
  input?: Record<string, unknown>;
  /** N instead of the definition's. */
  maxConcurrent?: number;
}

/** The part of the RunMonitor the handlers use (its last state answers when the query cannot). */
export interface RunStateSource {
  lastState(workflowId: string): unknown;
  /** The view renderers were last sent, with its delta number (runs.snapshot). */
  snapshot?(
    workflowId: string,
  ): { workflowId: string; runId: string; seq: number; view: RunView } | undefined;
  isFollowing?(workflowId: string): boolean;
}

export interface RunsHandlersDeps {
  store: Pick<Store, 'definitions' | 'runs'>;
  temporal: TemporalClientProvider;
  bus: EventBus;
  launcher: RunLauncher;
  monitor?: RunStateSource;
}

const STATUS_BY_TEMPORAL: Record<string, RunStatus> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
  CONTINUED_AS_NEW: 'continued_as_new',
};

/** runs.*: the app's own index of runs (the store), refreshed from Temporal when asked. */
export function createRunsHandlers(
  deps: RunsHandlersDeps,
): Pick<
  Handlers,
  | 'runs.start'
  | 'runs.cancel'
  | 'runs.list'
  | 'runs.get'
  | 'runs.state'
  | 'runs.snapshot'
  | 'runs.graph'
  | 'runs.retry'
  | 'runs.retryFailed'
  | 'runs.finish'
> {
  const { store, temporal, bus } = deps;

  /** Reconciles a stored run with what the server says, publishing the change. */
  async function refresh(record: RunRecord): Promise<RunRecord> {
    if (record.status !== 'running') return record;
    let description: WorkflowExecutionDescription;
    try {
      const client = await temporal.client();
      description = await client.workflow.getHandle(record.workflowId, record.runId).describe();
    } catch (error) {
      // The index is ours: when the server cannot answer, the stored record still stands.
      if (error instanceof WorkflowNotFoundError || error instanceof IpcFailure) return record;
      throw error;
    }
    const status = STATUS_BY_TEMPORAL[description.status.name] ?? 'running';
    // The run monitor may have closed (or continued) the run while describe() was in flight, and
    // already published that: answering with the record read before the await would undo it.
    const latest = store.runs.get(record.workflowId);
    if (latest.status !== 'running' || latest.runId !== record.runId || status === 'running') {
      return latest;
    }
    const updated: RunRecord = {
      ...latest,
      status,
      closedAt: description.closeTime ? description.closeTime.toISOString() : record.closedAt,
    };
    store.runs.upsert(updated);
    bus.publish('runs.changed', updated);
    return updated;
  }

  /** Sends a retry-window signal to a running run. */
  async function signal(workflowId: string, name: string, args: unknown[] = []): Promise<RunRecord> {
    const record = store.runs.get(workflowId);
    if (record.status !== 'running') {
      throw new IpcFailure(
        'INVALID_INPUT',
        `Run ${workflowId} is ${record.status}: ${name} needs a running run`,
      );
    }
    const client = await temporal.client();
    await client.workflow.getHandle(record.workflowId).signal(name, ...args);
    return record;
  }

  /** Retry of named packages in the window: each must be failed now, else nothing is sent. */
  async function retryPackages(workflowId: string, packages: string[]): Promise<RunRecord> {
    const record = store.runs.get(workflowId);
    if (record.status !== 'running') {
      throw new IpcFailure(
        'INVALID_INPUT',
        `Run ${workflowId} is ${record.status}: retry it with runs.retry`,
      );
    }
    const state = await queryState(record);
    const failed = new Set(isOrchestrationState(state) ? state.failed.map((f) => f.name) : []);
    const notFailed = packages.filter((name) => !failed.has(name));
    if (notFailed.length > 0) {
      throw new IpcFailure(
        'INVALID_INPUT',
        `Cannot retry ${notFailed.join(', ')}: not a failed package of run ${workflowId}` +
          (failed.size > 0 ? ` (failed: ${[...failed].join(', ')})` : ' (it has no failed packages)'),
      );
    }
    return signal(workflowId, RETRY_FAILED_SIGNAL, [{ packages }]);
  }

  /** Asks the workflow for its state; a closed run that cannot answer gets the monitor's last one. */
  async function queryState(record: RunRecord): Promise<unknown> {
    try {
      const client = await temporal.client();
      // A closed run whose workflow type no worker serves any more would wait for one: bounded.
      return await client.connection.withDeadline(Date.now() + STATE_QUERY_TIMEOUT_MS, () =>
        client.workflow.getHandle(record.workflowId).query(ORCHESTRATION_STATE_QUERY),
      );
    } catch (error) {
      const last = deps.monitor?.lastState(record.workflowId);
      if (last !== undefined) return last;
      throw error;
    }
  }

  /** A view of a run nobody follows: asked once, else rebuilt from what was stored at its close. */
  async function unfollowedView(record: RunRecord): Promise<RunView> {
    const closed = closeStatusOf(record.status);
    let state: unknown;
    try {
      state = await queryState(record);
    } catch (error) {
      const stored = record.status === 'running' ? undefined : stateFromSummary(record);
      if (stored) return toRunView(stored, { closed });
      throw error;
    }
    if (!isOrchestrationState(state)) {
      throw new IpcFailure(
        'NOT_FOUND',
        `Run ${record.workflowId} reports no package state (not an orchestrating workflow)`,
      );
    }
    return toRunView(state, { closed, builds: await readBuilds(record) });
  }

  /** Build spans for the charts, from the run's history; none when the server cannot give it. */
  async function readBuilds(
    record: RunRecord,
  ): Promise<ReadonlyMap<string, readonly BuildSpan[]> | undefined> {
    try {
      const client = await temporal.client();
      return await client.connection.withDeadline(Date.now() + STATE_QUERY_TIMEOUT_MS, () =>
        buildsFromHistory(client.workflow.getHandle(record.workflowId, record.runId), record.workflowId),
      );
    } catch {
      return undefined; // the view without times: the charts say no build is known
    }
  }

  return {
    async 'runs.start'({ definitionId, version, input }) {
      const definition = store.definitions.get(definitionId, version);
      const record = await deps.launcher.start(definition, input);
      store.runs.upsert(record);
      bus.publish('runs.changed', record);
      return record;
    },
    async 'runs.cancel'({ workflowId }) {
      const record = store.runs.get(workflowId);
      const client = await temporal.client();
      await client.workflow.getHandle(record.workflowId, record.runId).cancel();
      return refresh(record);
    },
    'runs.list': ({ definitionId, limit }) => store.runs.list({ definitionId, limit }),
    'runs.get': async ({ workflowId }) => refresh(store.runs.get(workflowId)),
    'runs.state': ({ workflowId }) => queryState(store.runs.get(workflowId)),
    async 'runs.snapshot'({ workflowId }): Promise<RunSnapshot> {
      const record = store.runs.get(workflowId);
      const live = deps.monitor?.isFollowing?.(workflowId) ?? false;
      const sent = deps.monitor?.snapshot?.(workflowId);
      if (sent) return { ...sent, live };
      return { workflowId, runId: record.runId, seq: 0, view: await unfollowedView(record), live };
    },
    async 'runs.graph'({ workflowId }) {
      const record = store.runs.get(workflowId);
      let definition: StoredDefinition | undefined;
      if (record.definitionId !== null) {
        try {
          definition = store.definitions.get(record.definitionId, record.definitionVersion ?? undefined);
        } catch {
          // The definition was deleted since: the names the run reports still draw a graph.
        }
      }
      const declared = runGraphOf(definition);
      if (declared) return declared;
      // A graph read at run time: only the names the run reports are known.
      const view = deps.monitor?.snapshot?.(workflowId)?.view ?? (await unfollowedView(record));
      return {
        source: 'state' as const,
        packages: Object.keys(view.packages).map((name) => ({ name, dependencies: [] })),
      };
    },
    async 'runs.retry'({ workflowId, ...options }) {
      const record = await deps.launcher.retry(workflowId, options);
      store.runs.upsert(record);
      bus.publish('runs.changed', record);
      return record;
    },
    'runs.retryFailed': ({ workflowId, packages }) =>
      packages ? retryPackages(workflowId, packages) : signal(workflowId, RETRY_FAILED_SIGNAL),
    'runs.finish': ({ workflowId }) => signal(workflowId, FINISH_SIGNAL),
  };
}

/** How a stored run ended, as the run view says it (running and continued_as_new are not ends). */
function closeStatusOf(status: RunStatus): RunCloseStatus | undefined {
  return status === 'running' || status === 'continued_as_new' ? undefined : status;
}
