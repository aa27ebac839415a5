import { useEffect, useState } from 'react';
import { AppNav } from './components/app-nav';
import { ConnectionBanner } from './components/connection-banner';
import { ServerStatusBadge } from './components/server-status-badge';
import { NavigateProvider, type Route } from './navigation';
import { DefinitionsPage } from './pages/definitions-page';
import { EditorPage } from './pages/editor-page';
import { RunPage } from './pages/run-page';
import { SettingsPage } from './pages/settings-page';
import { useAppActions, useAppStore } from './stores/store-context';

/** The app shell: header with the name, navigation and server status, connection banner, the page. */
export function App() {
  const actions = useAppActions();
  const connection = useAppStore((s) => s.connection);
  const server = useAppStore((s) => s.server);
  const [route, setRoute] = useState<Route>({ page: 'workflows' });

  useEffect(() => actions.start(), [actions]);

  return (
    <NavigateProvider value={setRoute}>
      <div className={`app${route.page === 'editor' ? ' app--editor' : ''}`}>
        <header className="app-header">
          <div className="app-header__brand">
            <svg className="app-header__logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <rect x="2" y="3" width="8" height="6" rx="2" />
              <rect x="14" y="15" width="8" height="6" rx="2" />
              <path d="M10 6h3a2 2 0 0 1 2 2v7" />
            </svg>
            <span className="app-header__name">Workflow Builder</span>
          </div>
          <AppNav
            page={route.page === 'settings' ? 'settings' : 'workflows'}
            onNavigate={(page) => setRoute({ page })}
          />
          <ServerStatusBadge status={server.status} error={server.error} />
        </header>
        <ConnectionBanner connection={connection} onRetry={actions.retryConnection} />
        <main className="app-main" id="main">
          {route.page === 'settings' ? (
            <SettingsPage />
          ) : route.page === 'editor' ? (
            <EditorPage
              key={`${route.id}@${route.version ?? 'latest'}`}
              id={route.id}
              version={route.version}
            />
          ) : route.page === 'run' ? (
            <RunPage workflowId={route.workflowId} />
          ) : (
            <DefinitionsPage />
          )}
        </main>
      </div>
    </NavigateProvider>
  );
}
