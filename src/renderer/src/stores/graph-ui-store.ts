import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * What the run graph highlights, apart from statuses: the live critical path, the hovered
 * package's neighbourhood, search matches. Nodes select one boolean each from it, so a change
 * re-renders only the nodes whose highlight changed.
 */
export interface GraphUiState {
  critical: ReadonlySet<string>;
  /** Packages left undimmed (hover or focus); null: nothing dimmed. */
  focus: ReadonlySet<string> | null;
  /** Search matches; null: no search. */
  matches: ReadonlySet<string> | null;
  hideCompleted: boolean;
  /** How many steps up- and downstream focus reaches (Infinity: all). */
  depth: number;
  set(patch: Partial<Omit<GraphUiState, 'set'>>): void;
}

export type GraphUiStore = StoreApi<GraphUiState>;

export function createGraphUiStore(): GraphUiStore {
  return createStore<GraphUiState>()((set) => ({
    critical: new Set(),
    focus: null,
    matches: null,
    hideCompleted: false,
    depth: Infinity,
    set: (patch) => set(patch),
  }));
}
