import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { RunRecord } from '../../../core/ipc/contract';
import type { RunSummary } from '../../../core/run-status';
import { call, errorMessage } from '../api/calls';

/**
 * The runs list: the app's own index of runs (this launch's and earlier ones'), newest first,
 * kept live by `runs.changed` (a run started, closed, continued) and `runs.state` (package
 * counts of running runs). A factory: each mounted runs page makes its own.
 */
export interface RunsState {
  items: RunRecord[];
  /** Latest summary of running runs, from `runs.state` events. */
  live: Record<string, RunSummary>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  start(): () => void;
  load(): Promise<void>;
}

export type RunsStore = StoreApi<RunsState>;

/** How many runs the list asks for (the contract's maximum). */
export const RUNS_LIST_LIMIT = 500;

/** Newest first: by start time, then by id so the order is stable. */
export function sortRuns(items: RunRecord[]): RunRecord[] {
  return [...items].sort(
    (a, b) => b.startedAt.localeCompare(a.startedAt) || a.workflowId.localeCompare(b.workflowId),
  );
}

/** The list with `record` put in (replacing the row of the same workflow). */
export function upsertRun(items: RunRecord[], record: RunRecord): RunRecord[] {
  return sortRuns([...items.filter((r) => r.workflowId !== record.workflowId), record]);
}

export function createRunsStore(api: WorkflowBuilderApi): RunsStore {
  let loadSeq = 0;
  return createStore<RunsState>()((set, get) => ({
    items: [],
    live: {},
    status: 'idle',
    error: null,
    start() {
      const offChanged = api.on('runs.changed', (record) =>
        set((s) => ({ items: upsertRun(s.items, record) })),
      );
      const offState = api.on('runs.state', ({ workflowId, delta }) =>
        set((s) => ({ live: { ...s.live, [workflowId]: delta.summary } })),
      );
      void get().load();
      return () => {
        offChanged();
        offState();
      };
    },
    async load() {
      const seq = ++loadSeq;
      set({ status: 'loading' });
      try {
        const items = await call(api, 'runs.list', { limit: RUNS_LIST_LIMIT });
        if (seq === loadSeq) set({ items: sortRuns(items), status: 'ready', error: null });
      } catch (error) {
        if (seq === loadSeq) set({ status: 'error', error: errorMessage(error) });
      }
    },
  }));
}
