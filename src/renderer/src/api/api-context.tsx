import { createContext, useContext, type ReactNode } from 'react';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';

/**
 * The IPC client for pages that make their own stores (runs list, run page): they create a store
 * per mounted page from it rather than adding to the app-wide store.
 */
const ApiContext = createContext<WorkflowBuilderApi | null>(null);

export function ApiProvider({ api, children }: { api: WorkflowBuilderApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API of the nearest provider. */
export function useApi(): WorkflowBuilderApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
