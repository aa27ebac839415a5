import { useCallback, useEffect, useState } from 'react';
import { AppErrorBanners } from './components/app-error-banners';
import { AppNav, type PageId } from './components/app-nav';
import { ConnectionBanner } from './components/connection-banner';
import { RunEndNotifier } from './components/run-list/run-end-notifier';
import { ServerStatusBadge } from './components/server-status-badge';
import { navigate as navigateHash, useHashRoute } from './lib/hash-route';
import { NavigateProvider, type Navigate, type Route } from './navigation';
import { BuildPage } from './pages/build-page';
import { DefinitionsPage } from './pages/definitions-page';
import { EditorPage } from './pages/editor-page';
import { RunPage } from './pages/run-page';
import { RunsPage } from './pages/runs-page';
import { SettingsPage } from './pages/settings-page';
import { useAppActions, useAppStore } from './stores/store-context';

type LocalRoute = Exclude<Route, { page: 'runs' } | { page: 'run' }>;

export function App() {
  const actions = useAppActions();
  const connection = useAppStore((s) => s.connection);
  const server = useAppStore((s) => s.server);
  const appErrors = useAppStore((s) => s.appErrors);
  const [local, setLocal] = useState<LocalRoute>({ page: 'workflows' });
  // Runs pages live in the fragment (a reload or a Run button lands there); the rest in state.
  const hashRoute = useHashRoute();
  const route: Route = hashRoute ?? local;
  const navigate = useCallback<Navigate>((next) => {
    if (next.page === 'runs' || next.page === 'run') {
      navigateHash(next);
      return;
    }
    navigateHash(null);
    setLocal(next);
  }, []);
  const navPage: PageId =
    route.page === 'run' || route.page === 'runs'
      ? 'runs'
      : route.page === 'settings' || route.page === 'build'
        ? route.page
        : 'workflows';

  useEffect(() => actions.start(), [actions]);

  return (
    <NavigateProvider value={navigate}>
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
          <AppNav page={navPage} onNavigate={(page) => navigate({ page })} />
          <ServerStatusBadge status={server.status} error={server.error} />
        </header>
        <ConnectionBanner connection={connection} onRetry={actions.retryConnection} />
        <AppErrorBanners errors={appErrors} onDismiss={actions.dismissAppError} />
        <main className="app-main" id="main">
          {route.page === 'settings' ? (
            <SettingsPage />
          ) : route.page === 'build' ? (
            <BuildPage />
          ) : route.page === 'editor' ? (
            <EditorPage key={`${route.id}@${route.version ?? 'latest'}`} id={route.id} version={route.version} />
          ) : route.page === 'run' ? (
            <RunPage key={route.workflowId} workflowId={route.workflowId} />
          ) : route.page === 'runs' ? (
            <RunsPage />
          ) : (
            <DefinitionsPage />
          )}
        </main>
        <RunEndNotifier />
      </div>
    </NavigateProvider>
  );
}
