import { useEffect, useState } from 'react';
import { AppErrorBanners } from './components/app-error-banners';
import { AppNav, type PageId } from './components/app-nav';
import { ConnectionBanner } from './components/connection-banner';
import { RunEndNotifier } from './components/run-list/run-end-notifier';
import { ServerStatusBadge } from './components/server-status-badge';
import { navigate, useHashRoute } from './lib/hash-route';
import { DefinitionsPage } from './pages/definitions-page';
import { RunPage } from './pages/run-page';
import { RunsPage } from './pages/runs-page';
import { SettingsPage } from './pages/settings-page';
import { useAppActions, useAppStore } from './stores/store-context';

/** The app shell: header with the name, navigation and server status, connection banner, the page. */
export function App() {
  const actions = useAppActions();
  const connection = useAppStore((s) => s.connection);
  const server = useAppStore((s) => s.server);
  const appErrors = useAppStore((s) => s.appErrors);
  const [page, setPage] = useState<PageId>('workflows');
  // Runs pages have an address (#/runs, #/runs/<id>): a reload or a Run button lands there.
  const route = useHashRoute();
  const current: PageId = route ? 'runs' : page;
  const onNavigate = (next: PageId) => {
    setPage(next);
    navigate(next === 'runs' ? { page: 'runs' } : null);
  };

  useEffect(() => actions.start(), [actions]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__brand">
          <svg className="app-header__logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="2" y="3" width="8" height="6" rx="2" />
            <rect x="14" y="15" width="8" height="6" rx="2" />
            <path d="M10 6h3a2 2 0 0 1 2 2v7" />
          </svg>
          <span className="app-header__name">Workflow Builder</span>
        </div>
        <AppNav page={current} onNavigate={onNavigate} />
        <ServerStatusBadge status={server.status} error={server.error} />
      </header>
      <ConnectionBanner connection={connection} onRetry={actions.retryConnection} />
      <AppErrorBanners errors={appErrors} onDismiss={actions.dismissAppError} />
      <main className="app-main" id="main">
        {route?.page === 'run' ? (
          <RunPage key={route.workflowId} workflowId={route.workflowId} />
        ) : route?.page === 'runs' ? (
          <RunsPage />
        ) : page === 'settings' ? (
          <SettingsPage />
        ) : (
          <DefinitionsPage />
        )}
      </main>
      <RunEndNotifier />
    </div>
  );
}
