import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { browserEnv } from './api/browser-env';
import { selectTransport } from './api/transport';
import { App } from './app';
import { createAppStore } from './stores/app-store';
import { createSettingsStore } from './stores/settings-store';
import { AppStoreProvider, SettingsStoreProvider } from './stores/store-context';
import './styles.css';

const transport = selectTransport(browserEnv());
const store = createAppStore({
  api: transport.api,
  connection: transport.connection,
  retryNow: transport.retryNow,
});
const settingsStore = createSettingsStore({ api: transport.api });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
document.documentElement.dataset.transport = transport.kind;

createRoot(container).render(
  <StrictMode>
    <ApiProvider value={transport.api}>
      <AppStoreProvider store={store}>
        <SettingsStoreProvider store={settingsStore}>
          <App />
        </SettingsStoreProvider>
      </AppStoreProvider>
    </ApiProvider>
  </StrictMode>,
);
