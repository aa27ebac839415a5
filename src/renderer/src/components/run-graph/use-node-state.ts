import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { NodeState, NodeStateHub } from './node-state-hub';

/** The hub of the run graph being drawn (provided by RunGraph). */
export const NodeStateHubContext = createContext<NodeStateHub | null>(null);

/** One package box's state; re-renders the caller only when that package's state changes. */
export function useNodeState(name: string): NodeState {
  const hub = useContext(NodeStateHubContext);
  if (!hub) throw new Error('useNodeState must be used inside a RunGraph');
  const subscribe = useCallback((listener: () => void) => hub.subscribe(name, listener), [hub, name]);
  const get = useCallback(() => hub.get(name), [hub, name]);
  return useSyncExternalStore(subscribe, get);
}
