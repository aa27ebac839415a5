import { createContext, useContext } from 'react';
import type { GraphUiStore } from '../../stores/graph-ui-store';
import type { RunViewStore } from '../../stores/run-view-store';

/** The stores a run page's graph nodes read their own status and highlight from. */
export interface RunGraphStores {
  run: RunViewStore;
  ui: GraphUiStore;
}

export const RunGraphContext = createContext<RunGraphStores | null>(null);

export function useRunGraphStores(): RunGraphStores {
  const stores = useContext(RunGraphContext);
  if (!stores) throw new Error('useRunGraphStores must be used inside <RunGraphContext.Provider>');
  return stores;
}
