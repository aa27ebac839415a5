// First: before any module builds or parses a zod schema.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { browserEnv } from './api/browser-env';
import { selectTransport } from './api/transport';
import { App } from './app';
import { createAppStore } from './stores/app-store';
import { createSettingsStore } from './stores/settings-store';
import { AppStoreProvider, SettingsStoreProvider, WorkerPolicyStoreProvider } from './stores/store-context';
import { createWorkerPolicyStore } from './stores/worker-policy-store';
import './styles.css';

const transport = selectTransport(browserEnv());
const store = createAppStore({
  api: transport.api,
  connection: transport.connection,
  retryNow: transport.retryNow,
});
const settingsStore = createSettingsStore({ api: transport.api });
const workerPolicyStore = createWorkerPolicyStore({ api: transport.api });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
document.documentElement.dataset.transport = transport.kind;

createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <SettingsStoreProvider store={settingsStore}>
        <WorkerPolicyStoreProvider store={workerPolicyStore}>
          <ApiProvider api={transport.api}>
            <App />
          </ApiProvider>
        </WorkerPolicyStoreProvider>
      </SettingsStoreProvider>
    </AppStoreProvider>
  </StrictMode>,
);
