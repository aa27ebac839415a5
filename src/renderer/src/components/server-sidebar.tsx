import { useAppActions, useAppStore } from '../stores/store-context';
import { ServerStatusCard } from './server-status-card';

/** The page sidebar with the live Temporal server card, shared by every page that shows it. */
export function ServerSidebar() {
  const server = useAppStore((s) => s.server);
  const actions = useAppActions();
  return (
    <aside className="sidebar" aria-label="Server">
      <ServerStatusCard
        status={server.status}
        error={server.error}
        loading={server.loading}
        onRefresh={() => void actions.refreshServerStatus()}
      />
    </aside>
  );
}
