import { createContext, useContext } from 'react';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';

/** The IPC client for feature stores created by pages (e.g. the editor's, one per open definition). */
const ApiContext = createContext<WorkflowBuilderApi | null>(null);

export const ApiProvider = ApiContext.Provider;

export function useApi(): WorkflowBuilderApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
