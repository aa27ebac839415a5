import type { Client } from '@temporalio/client';
import { isGrpcServiceError, QueryNotRegisteredError } from '@temporalio/client';
import type { RunRecord, RunStatus } from '../../core/ipc';
import {
  diffRunViews,
  isEmptyRunDelta,
  toRunView,
  type RunCloseStatus,
  type RunView,
} from '../../core/run-status';
import type { EventBus } from '../ipc/event-bus';
import type { Store } from '../store';
import { ChildBuilds } from './child-builds';
import { workspaceOfRun } from '../workflow-runtime/history-estimates';
import {
  CLOSE_STATUS,
  EventType,
  STATE_CHANGING_EVENTS,
  AFTER_LOOP_EVENTS,
  childWorkflowIdOf,
  eventTime,
  type HistoryEventLike,
} from './history-events';
import { failureReason } from './failure-reason';
import {
  diffStates,
  isOrchestrationState,
  stateListsChild,
  type OrchestrationState,
  type StateDiff,
} from './orchestration-state';

/** The query every generated orchestrating workflow answers. */
export const ORCHESTRATION_STATE_QUERY = 'getOrchestrationState';

/** What a subscriber receives: the full state, and what changed since the previous update. */
export interface RunStateUpdate {
  workflowId: string;
  runId: string;
  /** 1, 2, … per workflow: a subscriber can tell it missed nothing. */
  seq: number;
  state: OrchestrationState;
  diff: StateDiff;
  /** Set once the chain closed (any status but continued_as_new). */
  closed?: RunStatus;
}

/** The last view of a run sent to renderers, with the number of the delta that produced it. */
export interface RunSnapshot {
  workflowId: string;
  runId: string;
  /** Number of the last `runs.state` delta folded into `view` (0: none sent yet). */
  seq: number;
  view: RunView;
}

/** Counters per followed workflow (and in total): the basis of the "no polling" guarantee. */
export interface MonitorStats {
  historyEvents: number;
  polls: number;
  queries: number;
  reconnects: number;
  runs: number;
  /** Queries asked after the run closed: the worker replays the whole history to answer one. */
  replays: number;
}

/** Counters with nothing counted yet but `runs`. */
function noStats(runs: number): MonitorStats {
  return { historyEvents: 0, polls: 0, queries: 0, reconnects: 0, runs, replays: 0 };
}

export interface RunMonitorOptions {
  store: Pick<Store, 'runs' | 'packageBuilds' | 'transaction'>;
  /** The Temporal client (the provider's `client()`): asked again after every failure. */
  client: () => Promise<Client>;
  bus: EventBus;
  /** First reconnect delay, doubled up to `maxBackoffMs`. @default 200 */
  backoffMs?: number;
  /** @default 5000 */
  maxBackoffMs?: number;
  /** Deadline of one query. @default 10000 */
  queryTimeoutMs?: number;
  /**
   * Least time between two `runs.state` events of one run: changes in between are merged into
   * one delta, so a large run costs a renderer at most ~10 updates a second. @default 100
   */
  minEventIntervalMs?: number;
  /**
   * Ask the state on every child's start, even one the last answer already lists (what the monitor
   * did before issue 12's tenth pass): only for benchmarks/child-overhead.bench.ts, which measures
   * the difference in the same run. @default false
   */
  askOnListedChildStart?: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Followed {
  record: RunRecord;
  runId: string;
  abort: AbortController;
  stats: MonitorStats;
  state: OrchestrationState | undefined;
  stateJson: string | undefined;
  seq: number;
  closed: RunStatus | undefined;
  done: Promise<void>;
  /** When each active package was first seen (for failed builds' durations). */
  firstSeen: Map<string, string>;
  /** The workflow answers no package-state query (it has no package loop): followed for its close only. */
  stateless: boolean;
  /** The view last sent on the bus, its delta number, and the newest view not sent yet. */
  sentView: RunView | undefined;
  sentSeq: number;
  sentAt: number;
  latestView: RunView | undefined;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Each package's build attempts with their times, read from the history as it comes. */
  builds: ChildBuilds;
  /** Builds changed since the view was last made. */
  buildsDirty: boolean;
}

type Listener = (update: RunStateUpdate) => void;

/**
 * Follows live runs without polling: one long poll per run on the parent's history
 * (`getWorkflowExecutionHistory` with `waitNewEvent`), following continue-as-new into the next
 * run. A batch of events containing a state-changing event (child started/closed, signal,
 * activity result, close, …) and every reconnect cause ONE `getOrchestrationState` query; so
 * queries ≤ history events + reconnects. The close alone causes none when the last answer already
 * showed the loop finished (a closed run's query replays its history), nor does a child's start
 * the last answer already lists. Each changed state is given
 * to local subscribers (the full state plus a diff) and mapped to a run view (src/core/run-status);
 * renderers get
 * `runs.state` events carrying only the packages whose view changed, numbered per workflow, at
 * most one per `minEventIntervalMs`, and start from `snapshot()`. On close
 * the run record is updated and the package build durations are recorded.
 */
export class RunMonitor {
  private readonly followed = new Map<string, Followed>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly totals: MonitorStats = noStats(0);
  private closedAll = false;

  constructor(private readonly options: RunMonitorOptions) {}

  /** Starts following a run (no-op if already followed and still open). */
  follow(record: RunRecord): void {
    if (this.closedAll) return;
    const existing = this.followed.get(record.workflowId);
    if (existing && !existing.closed && !existing.abort.signal.aborted) {
      if (existing.runId === record.runId) return;
      existing.abort.abort();
    }
    // Send what the previous follower holds back, so the numbering goes on without a gap.
    if (existing) this.flush(existing);
    const f: Followed = {
      record,
      runId: record.runId,
      abort: new AbortController(),
      stats: noStats(1),
      state: undefined,
      stateJson: undefined,
      seq: existing?.seq ?? 0,
      closed: undefined,
      done: Promise.resolve(),
      firstSeen: new Map(),
      stateless: false,
      sentView: existing?.sentView,
      sentSeq: existing?.sentSeq ?? 0,
      sentAt: existing?.sentAt ?? 0,
      latestView: existing?.latestView,
      flushTimer: undefined,
      // The chain's earlier runs' builds are not in the next run's history: kept from before.
      builds: existing?.builds ?? new ChildBuilds(record.workflowId),
      buildsDirty: false,
    };
    this.totals.runs += 1;
    this.followed.set(record.workflowId, f);
    f.done = this.loop(f).catch((error: unknown) =>
      this.log('error', `monitor of ${record.workflowId} stopped: ${message(error)}`),
    );
  }

  /** Follows every run the store lists as running (app start). Returns how many. */
  resumeAll(): number {
    const running = this.options.store.runs.list({ status: 'running', limit: 500 });
    for (const record of running) this.follow(record);
    return running.length;
  }

  /** Subscribes to one workflow's updates; the last known state (if any) is delivered at once. */
  subscribe(workflowId: string, listener: Listener): () => void {
    let set = this.listeners.get(workflowId);
    if (!set) this.listeners.set(workflowId, (set = new Set()));
    set.add(listener);
    const f = this.followed.get(workflowId);
    if (f?.state) {
      const empty: StateDiff = {
        started: [],
        completed: [],
        skipped: [],
        failed: [],
        blocked: [],
        reopened: [],
      };
      listener({
        workflowId,
        runId: f.runId,
        seq: f.seq,
        state: f.state,
        diff: diffStates(undefined, f.state) ?? empty,
        ...(f.closed ? { closed: f.closed } : {}),
      });
    }
    return () => set.delete(listener);
  }

  /** The last state seen of a workflow (undefined before the first query answered). */
  lastState(workflowId: string): OrchestrationState | undefined {
    return this.followed.get(workflowId)?.state;
  }

  /**
   * The view renderers were last sent and the number of its delta: what a renderer starts from
   * (on opening a run page, and after it saw a delta number skipped). Undefined before the
   * first query answered.
   */
  snapshot(workflowId: string): RunSnapshot | undefined {
    const f = this.followed.get(workflowId);
    if (!f?.sentView) return undefined;
    return { workflowId, runId: f.runId, seq: f.sentSeq, view: f.sentView };
  }

  /** Counters of one workflow, or of all of them. */
  stats(workflowId?: string): MonitorStats {
    if (workflowId === undefined) return { ...this.totals };
    const f = this.followed.get(workflowId);
    return f ? { ...f.stats } : noStats(0);
  }

  /** Resolves when the monitor of `workflowId` has finished (the chain closed or it was stopped). */
  async settled(workflowId: string): Promise<void> {
    await this.followed.get(workflowId)?.done;
  }

  /** True while the workflow is followed and open. */
  isFollowing(workflowId: string): boolean {
    const f = this.followed.get(workflowId);
    return f !== undefined && !f.closed && !f.abort.signal.aborted;
  }

  /** Stops following everything (app shutdown). */
  async close(): Promise<void> {
    this.closedAll = true;
    for (const f of this.followed.values()) {
      f.abort.abort();
      this.flush(f);
    }
    await Promise.all([...this.followed.values()].map((f) => f.done));
  }

  private async loop(f: Followed): Promise<void> {
    const { workflowId } = f.record;
    let token: Uint8Array | undefined;
    let needQuery = true;
    let backoff = this.options.backoffMs ?? 200;
    while (!f.abort.signal.aborted) {
      let events: HistoryEventLike[];
      let nextToken: Uint8Array | undefined;
      let client: Client;
      try {
        client = await this.options.client();
        f.stats.polls += 1;
        this.totals.polls += 1;
        const response = await withLinkedSignal(f.abort.signal, (signal) =>
          client.connection.withAbortSignal(signal, () =>
            client.workflowService.getWorkflowExecutionHistory({
              namespace: client.options.namespace,
              execution: { workflowId, runId: f.runId },
              waitNewEvent: true,
              nextPageToken: token,
              historyEventFilterType: 1, // HISTORY_EVENT_FILTER_TYPE_ALL_EVENT
            }),
          ),
        );
        events = (response.history?.events ?? []) as HistoryEventLike[];
        nextToken =
          response.nextPageToken && response.nextPageToken.length > 0 ? response.nextPageToken : undefined;
        backoff = this.options.backoffMs ?? 200;
      } catch (error) {
        if (f.abort.signal.aborted) return;
        if (isGrpcServiceError(error) && error.code === 5 /* NOT_FOUND */) {
          this.log('warn', `run ${workflowId}/${f.runId} is unknown to the server; no longer followed`);
          return;
        }
        f.stats.reconnects += 1;
        this.totals.reconnects += 1;
        needQuery = true; // whatever happened while disconnected is learned from the query
        this.log(
          'warn',
          `history of ${workflowId} unavailable (${message(error)}); retrying in ${backoff} ms`,
        );
        await abortableDelay(backoff, f.abort.signal);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
        continue;
      }

      f.stats.historyEvents += events.length;
      this.totals.historyEvents += events.length;
      if (f.builds.apply(events)) f.buildsDirty = true;
      let close: { status: Exclude<RunStatus, 'running'>; event: HistoryEventLike } | undefined;
      /** Whether anything but the run's close may have changed the state since the last answer. */
      let changedBeforeClose = needQuery;
      for (const event of events) {
        const type = event.eventType ?? 0;
        const status = CLOSE_STATUS.get(type);
        if (status) close = { status, event };
        // A child's start that the last answer already lists changes nothing it shows: asking again
        // would only add a query task for the worker as the child's first workflow task reaches it.
        const listedStart =
          type === EventType.ChildWorkflowExecutionStarted &&
          !this.options.askOnListedChildStart &&
          stateListsChild(f.state, childWorkflowIdOf(event));
        if (STATE_CHANGING_EVENTS.has(type) && !listedStart) {
          needQuery = true;
          if (!status && !AFTER_LOOP_EVENTS.has(type)) changedBeforeClose = true;
        }
      }
      // A closed workflow is no longer in the worker's cache: a query replays its whole history
      // (1.5 s for 50 packages). When the last answer already showed the package loop finished and
      // nothing since could change it (no child event, no signal), that answer is the final state.
      if (close && !changedBeforeClose && f.state?.phase === 'finished') needQuery = false;
      token = nextToken;

      if (close?.status === 'continued_as_new') {
        const next = close.event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        this.continuedAsNew(f, close.event, next ?? undefined);
        if (!next) return;
        f.runId = next;
        f.stats.runs += 1;
        token = undefined;
        needQuery = true;
        continue;
      }
      // Ask only when something state-changing happened (or after a reconnect), once per batch.
      if (needQuery && !f.stateless && (events.length > 0 || f.stats.reconnects > 0)) {
        needQuery = false;
        if (close) {
          f.stats.replays += 1;
          this.totals.replays += 1;
        }
        await this.query(f, client);
      }
      // A child's start or close the state did not show (yet): its times still reach the charts.
      if (f.buildsDirty && f.state) this.refreshView(f);
      if (close) {
        this.closed(f, close.status, close.event);
        return;
      }
      if (!token && events.length === 0) {
        // An empty last page: the run is closed and we already saw its close (or it was reset).
        return;
      }
    }
  }

  private async query(f: Followed, client: Client): Promise<void> {
    f.stats.queries += 1;
    this.totals.queries += 1;
    let state: unknown;
    try {
      const handle = client.workflow.getHandle(f.record.workflowId, f.runId);
      state = await client.connection.withDeadline(Date.now() + (this.options.queryTimeoutMs ?? 10_000), () =>
        withLinkedSignal(f.abort.signal, (signal) =>
          client.connection.withAbortSignal(signal, () => handle.query(ORCHESTRATION_STATE_QUERY)),
        ),
      );
    } catch (error) {
      if (error instanceof QueryNotRegisteredError) f.stateless = true;
      else if (!f.abort.signal.aborted)
        this.log('warn', `state query of ${f.record.workflowId} failed: ${message(error)}`);
      return;
    }
    if (!isOrchestrationState(state)) return;
    this.accept(f, state);
  }

  private accept(f: Followed, state: OrchestrationState): void {
    for (const a of state.active) if (!f.firstSeen.has(a.name)) f.firstSeen.set(a.name, a.startedAt);
    const json = JSON.stringify(state);
    if (json === f.stateJson && !f.closed) return;
    const diff = diffStates(f.state, state);
    f.state = state;
    f.stateJson = json;
    f.seq += 1;
    this.publish(f, diff);
  }

  private publish(f: Followed, diff: StateDiff): void {
    if (!f.state) return;
    const update: RunStateUpdate = {
      workflowId: f.record.workflowId,
      runId: f.runId,
      seq: f.seq,
      state: f.state,
      diff,
      ...(f.closed ? { closed: f.closed } : {}),
    };
    this.refreshView(f);
    for (const listener of this.listeners.get(f.record.workflowId) ?? []) {
      try {
        listener(update);
      } catch (error) {
        this.log('warn', `a runs.state subscriber threw: ${message(error)}`);
      }
    }
  }

  /** Makes the view of the last state and the builds known, and sends it (paced). */
  private refreshView(f: Followed): void {
    if (!f.state) return;
    f.latestView = toRunView(f.state, { closed: closeStatusOf(f.closed), builds: f.builds.get() });
    f.buildsDirty = false;
    this.scheduleFlush(f);
  }

  /** Sends the newest view now, or when the least interval since the last event has passed. */
  private scheduleFlush(f: Followed): void {
    // The close goes out at once, even when a paced flush is pending (flush clears its timer).
    if (f.closed) {
      this.flush(f);
      return;
    }
    if (f.flushTimer !== undefined) return; // the pending flush will send the newest view
    const wait = f.sentAt + (this.options.minEventIntervalMs ?? 100) - Date.now();
    if (wait <= 0) {
      this.flush(f);
      return;
    }
    // The timer is checked again when it fires: Node counts a timer from the event loop's cached
    // time, so one set late in a busy turn fires early by that turn's length (92 ms after the last
    // event instead of 100 was seen in CI).
    f.flushTimer = setTimeout(() => {
      f.flushTimer = undefined;
      this.scheduleFlush(f);
    }, wait);
  }

  /** Publishes what changed since the last `runs.state` event of the run (nothing if nothing did). */
  private flush(f: Followed): void {
    if (f.flushTimer !== undefined) {
      clearTimeout(f.flushTimer);
      f.flushTimer = undefined;
    }
    const next = f.latestView;
    // A replaced follower (the run was followed again) must not number events any more.
    if (!next || this.followed.get(f.record.workflowId) !== f) return;
    const delta = diffRunViews(f.sentView, next);
    if (isEmptyRunDelta(f.sentView, delta)) return;
    f.sentView = next;
    f.sentSeq += 1;
    f.sentAt = Date.now();
    this.options.bus.publish('runs.state', {
      workflowId: f.record.workflowId,
      runId: f.runId,
      seq: f.sentSeq,
      delta,
    });
  }

  private continuedAsNew(f: Followed, event: HistoryEventLike, nextRunId: string | undefined): void {
    const { store, bus } = this.options;
    const closedAt = (eventTime(event) ?? new Date()).toISOString();
    try {
      const old = store.runs.find(f.record.workflowId, f.runId);
      if (old)
        bus.publish(
          'runs.changed',
          store.runs.markClosed(f.record.workflowId, {
            status: 'continued_as_new',
            runId: f.runId,
            closedAt,
          }),
        );
      if (nextRunId) {
        const base = old ?? f.record;
        const next = store.runs.upsert({
          ...base,
          runId: nextRunId,
          status: 'running',
          startedAt: closedAt,
          closedAt: null,
        });
        bus.publish('runs.changed', next);
      }
    } catch (error) {
      this.log('warn', `could not record the continue-as-new of ${f.record.workflowId}: ${message(error)}`);
    }
  }

  private closed(f: Followed, status: Exclude<RunStatus, 'running'>, event: HistoryEventLike): void {
    const { store, bus } = this.options;
    f.closed = status;
    const closedAt = (eventTime(event) ?? new Date()).toISOString();
    const state = f.state;
    const error = failureReason(status, event);
    try {
      const record = store.transaction(() => {
        const current = store.runs.find(f.record.workflowId, f.runId);
        const previous = (current?.summary ?? f.record.summary ?? {}) as Record<string, unknown>;
        const summary: Record<string, unknown> = { ...previous };
        if (state) {
          summary.totals = state.totals;
          summary.completed = state.completed;
          if (state.skipped) summary.skipped = state.skipped;
          summary.failed = state.failed;
          summary.blocked = state.blocked;
          summary.generations = state.continueAsNew.generation + 1;
        }
        if (error) summary.error = error;
        if (state && previous.buildsRecorded !== true) {
          this.recordBuilds(f, state, closedAt);
          summary.buildsRecorded = true;
        }
        if (!current) return store.runs.upsert({ ...f.record, runId: f.runId, status, closedAt, summary });
        return store.runs.markClosed(f.record.workflowId, { status, runId: f.runId, closedAt, summary });
      });
      bus.publish('runs.changed', record);
    } catch (e) {
      this.log('warn', `could not record the close of ${f.record.workflowId}: ${message(e)}`);
    }
    if (state) {
      f.seq += 1;
      this.publish(f, {
        started: [],
        completed: [],
        skipped: [],
        failed: [],
        blocked: [],
        reopened: [],
        phase: state.phase,
      });
    }
  }

  private recordBuilds(f: Followed, state: OrchestrationState, closedAt: string): void {
    const definitionId = f.record.definitionId;
    const workspace = workspaceOfRun(f.record);
    // A package without a child of its own was not built by this run (reused from a retried run's
    // seed, or reported "not retried"): it is no build to record.
    for (const c of state.completed) {
      if (c.childWorkflowId === '') continue;
      this.options.store.packageBuilds.record({
        definitionId,
        packageName: c.name,
        workflowId: c.childWorkflowId,
        status: 'succeeded',
        durationMs: Math.max(0, c.durationMs),
        // Undefined when the monitor did not read this child's completion (e.g. followed from mid-run).
        buildMs: f.builds.buildMs(c.childWorkflowId) ?? null,
        finishedAt: closedAt,
        workspace,
      });
    }
    for (const failed of state.failed) {
      if (failed.childWorkflowId === '') continue;
      const started = f.firstSeen.get(failed.name);
      const durationMs = started ? Math.max(0, Date.parse(closedAt) - Date.parse(started)) : 0;
      this.options.store.packageBuilds.record({
        definitionId,
        packageName: failed.name,
        workflowId: failed.childWorkflowId,
        status: 'failed',
        durationMs: Number.isFinite(durationMs) ? durationMs : 0,
        finishedAt: closedAt,
        workspace,
      });
    }
  }

  private log(level: 'info' | 'warn' | 'error', text: string): void {
    this.options.log?.(level, text);
  }
}

/** The view's close status of a run status (running and continued_as_new are not closes). */
function closeStatusOf(status: RunStatus | undefined): RunCloseStatus | undefined {
  return status === undefined || status === 'running' || status === 'continued_as_new' ? undefined : status;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `fn` with a fresh signal aborted with `parent`: the SDK leaves a listener on the signal of
 * every call, so one long-lived signal per run would collect one per poll.
 */
async function withLinkedSignal<T>(parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', abort, { once: true });
  try {
    return await fn(controller.signal);
  } finally {
    parent.removeEventListener('abort', abort);
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export { EventType };
