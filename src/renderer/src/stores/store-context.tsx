import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';
import type { SettingsState, SettingsStore } from './settings-store';
import type { WorkerPolicyState, WorkerPolicyStore } from './worker-policy-store';

const AppStoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

/** The store of the nearest provider. */
export function useAppStoreApi(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>');
  return store;
}

/** Selects from the app store; re-renders when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/** The store actions (stable across renders). */
export function useAppActions(): AppState['actions'] {
  return useAppStore((s) => s.actions);
}

const SettingsStoreContext = createContext<SettingsStore | null>(null);

export function SettingsStoreProvider({ store, children }: { store: SettingsStore; children: ReactNode }) {
  return <SettingsStoreContext.Provider value={store}>{children}</SettingsStoreContext.Provider>;
}

/** Selects from the settings store of the nearest provider. */
export function useSettingsStore<T>(selector: (state: SettingsState) => T): T {
  const store = useContext(SettingsStoreContext);
  if (!store) throw new Error('useSettingsStore must be used inside <SettingsStoreProvider>');
  return useStore(store, selector);
}

const WorkerPolicyStoreContext = createContext<WorkerPolicyStore | null>(null);

export function WorkerPolicyStoreProvider({ store, children }: { store: WorkerPolicyStore; children: ReactNode }) {
  return <WorkerPolicyStoreContext.Provider value={store}>{children}</WorkerPolicyStoreContext.Provider>;
}

/** Selects from the workspaces-and-commands store of the nearest provider. */
export function useWorkerPolicyStore<T>(selector: (state: WorkerPolicyState) => T): T {
  const store = useContext(WorkerPolicyStoreContext);
  if (!store) throw new Error('useWorkerPolicyStore must be used inside <WorkerPolicyStoreProvider>');
  return useStore(store, selector);
}
