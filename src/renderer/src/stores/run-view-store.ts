import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { EventPayloadOf, RequestOf, RunGraph, RunRecord } from '../../../core/ipc/contract';
import { applyRunDelta, type RunView } from '../../../core/run-status';
import { ApiError, call, errorMessage } from '../api/calls';

/**
 * One run page's live state: the run record, its package graph, and its view kept current by
 * `runs.state` deltas. It starts from `runs.snapshot`; deltas that arrive meanwhile are held and
 * applied after it; a delta whose number is not the next one (a gap: events lost while
 * disconnected, or a restarted main process) makes it ask for a snapshot again.
 */
export interface RunViewState {
  workflowId: string;
  record: RunRecord | null;
  graph: RunGraph | null;
  view: RunView | null;
  /** Number of the last delta applied. */
  seq: number;
  /** Main follows the run: more deltas will come. */
  live: boolean;
  /** `no-packages`: the run's workflow builds no packages, so there is no graph or package view. */
  status: 'loading' | 'ready' | 'no-packages' | 'not-found' | 'error';
  error: string | null;
  /** Snapshots asked after a gap (for tests and diagnostics). */
  resyncs: number;
  /** The package whose details are open. */
  selected: string | null;
  /** An action's failure, shown above the graph. */
  actionError: string | null;
  busy: boolean;
  start(): () => void;
  resync(): Promise<void>;
  select(name: string | null): void;
  act(action: RunAction, options?: RunActionOptions): Promise<RunRecord | null>;
}

/**
 * What the run page's buttons do, over the runs.* channels. `retry` starts a new run (seeded with
 * the completed packages unless `reuseCompleted` is false: "run again"); `retryFailed` signals the
 * run in its retry window.
 */
export type RunAction = 'cancel' | 'retryFailed' | 'finish' | 'retry';

/** Extras of `retry` and `retryFailed`: which packages, edited inputs and N, reuse or not. */
export interface RunActionOptions {
  packages?: string[];
  input?: Record<string, unknown>;
  maxConcurrent?: number;
  reuseCompleted?: boolean;
}

export type RunViewStore = StoreApi<RunViewState>;

type Delta = EventPayloadOf<'runs.state'>;

export function createRunViewStore(api: WorkflowBuilderApi, workflowId: string): RunViewStore {
  let syncing: Promise<void> | null = null;
  let held: Delta[] = [];

  return createStore<RunViewState>()((set, get) => {
    /**
     * A closed run's record is final for its run id: a `running` copy of it can only be a reply
     * read before the close that arrived after the close's `runs.changed`, so it is dropped.
     */
    const setRecord = (next: RunRecord): void => {
      const current = get().record;
      const stale =
        current !== null &&
        current.runId === next.runId &&
        current.status !== 'running' &&
        next.status === 'running';
      if (!stale) set({ record: next });
    };

    const applyDelta = (event: Delta): void => {
      const { seq, view, status } = get();
      // The first load can fail while the worker is still starting (the state query has no
      // poller yet); the run's first update proves it is answerable now, so load again.
      if (status === 'error') {
        void load();
        return;
      }
      if (event.seq <= seq && view) return; // already in the snapshot
      if (view && event.seq !== seq + 1) {
        void get().resync();
        return;
      }
      set({ view: applyRunDelta(view ?? undefined, event.delta), seq: event.seq });
    };

    const snapshot = async (): Promise<void> => {
      held = [];
      const snap = await call(api, 'runs.snapshot', { workflowId });
      // Deltas that came while waiting and are newer than the snapshot go on top of it.
      const later = held.filter((d) => d.seq > snap.seq).sort((a, b) => a.seq - b.seq);
      held = [];
      set({ view: snap.view, seq: snap.seq, live: snap.live });
      for (const d of later) applyDelta(d);
    };

    let loading: Promise<void> | null = null;
    /** Record, graph and a first snapshot; on a transient failure the next update loads again. */
    const load = (): Promise<void> => {
      loading ??= (async () => {
        try {
          const [record, graph] = await Promise.all([
            call(api, 'runs.get', { workflowId }),
            call(api, 'runs.graph', { workflowId }),
          ]);
          setRecord(record);
          set({ graph });
          if (graph.source === 'none') {
            set({ status: 'no-packages', error: null });
            return;
          }
          syncing = snapshot();
          await syncing;
          set({ status: 'ready', error: null });
        } catch (error) {
          const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
          set({ status: notFound ? 'not-found' : 'error', error: errorMessage(error) });
        } finally {
          syncing = null;
          loading = null;
        }
      })();
      return loading;
    };

    return {
      workflowId,
      record: null,
      graph: null,
      view: null,
      seq: 0,
      live: false,
      status: 'loading',
      error: null,
      resyncs: 0,
      selected: null,
      actionError: null,
      busy: false,

      start() {
        const offState = api.on('runs.state', (event) => {
          if (event.workflowId !== workflowId) return;
          if (syncing) held.push(event);
          else applyDelta(event);
        });
        const offChanged = api.on('runs.changed', (record) => {
          if (record.workflowId === workflowId) setRecord(record);
        });
        void load();
        return () => {
          offState();
          offChanged();
        };
      },

      async resync() {
        if (syncing) return syncing;
        // No package view to catch up with: only the record can have changed.
        if (get().status === 'no-packages') {
          setRecord(await call(api, 'runs.get', { workflowId }));
          return;
        }
        set((s) => ({ resyncs: s.resyncs + 1 }));
        syncing = snapshot()
          .then(async () => {
            setRecord(await call(api, 'runs.get', { workflowId }));
            set({ status: 'ready', error: null });
          })
          .catch((error: unknown) => set({ error: errorMessage(error) }))
          .finally(() => {
            syncing = null;
          });
        return syncing;
      },

      select(name) {
        set({ selected: name });
      },

      async act(action, options = {}) {
        set({ busy: true, actionError: null });
        try {
          const record =
            action === 'retry'
              ? await call(api, 'runs.retry', { workflowId, ...options } as RequestOf<'runs.retry'>)
              : action === 'retryFailed'
                ? await call(api, 'runs.retryFailed', {
                    workflowId,
                    ...(options.packages && { packages: options.packages }),
                  })
                : await call(api, ACTION_CHANNELS[action], { workflowId });
          if (action !== 'retry') set({ record });
          return record;
        } catch (error) {
          set({ actionError: errorMessage(error) });
          return null;
        } finally {
          set({ busy: false });
        }
      },
    };
  });
}

const ACTION_CHANNELS = {
  cancel: 'runs.cancel',
  finish: 'runs.finish',
} as const;
