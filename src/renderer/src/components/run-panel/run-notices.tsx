import type { RunRecord, ServerStatus, WorkerStatus } from '../../../../core/ipc/contract';
import { useNavigate } from '../../navigation';

export interface RunNoticesProps {
  record: RunRecord | null;
  server: ServerStatus | null;
  worker: WorkerStatus | null;
  /** The definition's latest version, when the app knows the definition. */
  latest: { id: string; name: string; version: number } | undefined;
}

/**
 * Clear states instead of a page that silently stops moving: the Temporal server down or restarting,
 * the worker restarting (new definitions loaded, or a crash), a run of an older definition version.
 */
export function RunNotices({ record, server, worker, latest }: RunNoticesProps) {
  const navigate = useNavigate();
  const running = record?.status === 'running';
  const serverDown = server && server.state !== 'ready' && server.state !== 'external';
  const restarting = serverDown && server.state === 'starting';
  const workerDown = !serverDown && running && worker && worker.state !== 'ready';
  const older =
    latest && record?.definitionVersion != null && record.definitionVersion < latest.version
      ? record.definitionVersion
      : undefined;
  return (
    <>
      {serverDown ? (
        <p className="notice notice--warn" role="status" data-testid="server-down">
          {restarting
            ? server.restarts > 0
              ? 'The Temporal server is restarting'
              : 'The Temporal server is starting'
            : `The Temporal server is ${server.state}`}
          {server.message ? `: ${server.message}` : ''}. Statuses resume when it is back.
        </p>
      ) : null}
      {workerDown ? (
        <p className="notice notice--warn" role="status" data-testid="worker-restarting">
          {worker.state === 'crashed'
            ? `The worker crashed${worker.message ? ` (${worker.message})` : ''}.`
            : worker.state === 'starting'
              ? 'The worker is restarting (it loads changed workflow definitions, or recovers from a crash).'
              : 'The worker is stopped.'}{' '}
          Builds of this run wait for it; nothing is lost: Temporal hands them out again when it is back.
        </p>
      ) : null}
      {older !== undefined && latest ? (
        <p className="notice" role="status" data-testid="older-version">
          This run used version {older} of “{latest.name}”; the definition is now at version {latest.version}.
          The graph shows version {older}.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => navigate({ page: 'editor', id: latest.id, version: older })}
            data-testid="open-run-version"
          >
            Open version {older}
          </button>
        </p>
      ) : null}
    </>
  );
}
