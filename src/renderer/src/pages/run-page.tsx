import { useEffect, useMemo, useRef, useState } from 'react';
import '../run-dashboard.css';
import { useStore } from 'zustand';
import { PACKAGE_STATUS_LABELS, whatIfConcurrency } from '../../../core/run-status';
import { useApi } from '../api/api-context';
import { ErrorMessage } from '../components/error-message';
import { RunCharts } from '../components/run-charts/run-charts';
import { usePredictedVsActual, useRunTimeline } from '../components/run-charts/use-run-timeline';
import { RunGraph } from '../components/run-graph/run-graph';
import { RunGraphContext } from '../components/run-graph/run-graph-context';
import { RunStatusPill } from '../components/run-list/run-status-pill';
import { PackageDetails } from '../components/run-panel/package-details';
import { RunActions } from '../components/run-panel/run-actions';
import { RunFailureReason } from '../components/run-panel/run-failure-reason';
import { RunNotices } from '../components/run-panel/run-notices';
import { RunReportPanel } from '../components/run-panel/run-report';
import { TemporalInspect } from '../components/run-panel/temporal-inspect';
import { StatusPanel } from '../components/run-panel/status-panel';
import { WhatIfPanel } from '../components/run-panel/what-if-panel';
import { hashOf, navigate } from '../lib/hash-route';
import { formatDateTime } from '../lib/format';
import { buildRunGraphModel, liveCriticalPath, remainingEstimate, statusOf } from '../lib/run-graph-model';
import { useAfterPaint } from '../lib/use-after-paint';
import { useNow } from '../lib/use-now';
import { createGraphUiStore } from '../stores/graph-ui-store';
import { useWorkerStatus } from '../lib/use-worker-status';
import { createRunViewStore, type RunAction, type RunActionOptions } from '../stores/run-view-store';
import { useAppStore } from '../stores/store-context';

/** One run, live: its package graph with statuses, the status panel, details and actions. */
export function RunPage({ workflowId }: { workflowId: string }) {
  const api = useApi();
  const [run] = useState(() => createRunViewStore(api, workflowId));
  const [ui] = useState(() => createGraphUiStore());
  const stores = useMemo(() => ({ run, ui }), [run, ui]);
  const { record, graph, view, status, error, selected, actionError, busy } = useStore(run);
  const server = useAppStore((s) => s.server.status);
  const worker = useWorkerStatus();
  const connected = useAppStore((s) => s.connection.state === 'open');
  const definitions = useAppStore((s) => s.definitions.items);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const running = record?.status === 'running';
  const now = useNow(1000, running);

  useEffect(() => run.getState().start(), [run]);
  // After a reconnect, events may have been lost: start again from a snapshot.
  const wasConnected = useRef(connected);
  useEffect(() => {
    if (connected && !wasConnected.current) void run.getState().resync();
    wasConnected.current = connected;
  }, [connected, run]);

  // Cmd/Ctrl+F searches the graph.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const model = useMemo(() => (graph ? buildRunGraphModel(graph) : null), [graph]);
  // The graph and status panel first; the what-if and the charts (hundreds of ms at 2,000
  // packages) once the interactive graph has been painted.
  const [graphDrawn, setGraphDrawn] = useState(false);
  const later = useAfterPaint(model !== null && graphDrawn);
  const critical = useMemo(() => (model ? liveCriticalPath(model, view, now) : []), [model, view, now]);
  const eta = useMemo(
    () => (model && running ? remainingEstimate(model, view, now) : null),
    [model, view, now, running],
  );

  // Estimates change only when the graph or history does, not on every status: keyed by them.
  const estimatesKey = view
    ? JSON.stringify(Object.entries(view.packages).map(([n, p]) => [n, p.estimateMs]))
    : '';
  const whatIf = useMemo(() => {
    if (!model?.engine || !later) return null;
    const durations = Object.fromEntries(
      (JSON.parse(estimatesKey || '[]') as Array<[string, number | undefined]>).filter(
        (e): e is [string, number] => e[1] !== undefined,
      ),
    );
    try {
      return whatIfConcurrency(model.engine, durations);
    } catch {
      return null;
    }
  }, [model, estimatesKey, later]);
  const timeline = useRunTimeline(later ? graph : null, view, now);
  const comparison = usePredictedVsActual(model?.engine, view, timeline);
  const actualMs =
    view?.summary.finishedAt && !running
      ? Date.parse(view.summary.finishedAt) - Date.parse(view.summary.startedAt)
      : undefined;

  useEffect(() => ui.getState().set({ critical: new Set(critical) }), [critical, ui]);
  useEffect(() => {
    const q = query.trim().toLowerCase();
    if (!q || !model) {
      ui.getState().set({ matches: null });
      return;
    }
    const matches = new Set(
      model.nodes
        .map((n) => n.id)
        .filter(
          (n) =>
            n.toLowerCase().includes(q) || PACKAGE_STATUS_LABELS[statusOf(view, n)].toLowerCase().includes(q),
        ),
    );
    ui.getState().set({ matches });
  }, [query, model, view, ui]);

  const definition = definitions.find((d) => d.id === record?.definitionId);
  const title = definition?.name ?? record?.workflowType ?? workflowId;
  const failed = view ? Object.values(view.packages).filter((p) => p.status === 'failed').length : 0;
  const completed = view
    ? Object.values(view.packages).filter((p) => p.status === 'completed' || p.status === 'up-to-date').length
    : 0;

  const onAction = async (action: RunAction, options?: RunActionOptions): Promise<string | null> => {
    const result = await run.getState().act(action, options);
    if (action === 'retry' && result) navigate({ page: 'run', workflowId: result.workflowId });
    return result ? null : run.getState().actionError;
  };
  // One package and its dependents: a signal in the retry window, a new seeded run after close.
  const awaitingRetry = running && view?.summary.phase === 'awaiting-retry';
  const retryPackage =
    awaitingRetry || (record && !running)
      ? (name: string) => void onAction(awaitingRetry ? 'retryFailed' : 'retry', { packages: [name] })
      : undefined;

  return (
    <RunGraphContext.Provider value={stores}>
      <div className="run-page" data-testid="run-page" data-workflow-id={workflowId}>
        <header className="run-page__header">
          <div>
            <a className="run-page__back" href={hashOf({ page: 'runs' })}>
              ← Runs
            </a>
            <h1>
              {title}
              {record?.definitionVersion != null ? (
                <span className="muted"> v{record.definitionVersion}</span>
              ) : null}{' '}
              {record ? (
                <RunStatusPill
                  status={record.status}
                  waiting={running && view?.summary.phase === 'awaiting-retry'}
                />
              ) : null}
            </h1>
            <p className="muted run-page__meta">
              <code>{workflowId}</code>
              {record ? <> · started {formatDateTime(record.startedAt)}</> : null}
            </p>
            <p className="muted run-page__meta">
              <TemporalInspect server={server} workflowId={workflowId} />
            </p>
          </div>
          {record ? (
            <RunActions
              record={record}
              summary={view?.summary}
              failed={failed}
              completed={completed}
              busy={busy}
              onAction={onAction}
            />
          ) : null}
        </header>

        <RunNotices record={record} server={server} worker={worker} latest={definition} />
        {actionError ? <ErrorMessage title="The action failed" message={actionError} /> : null}
        {status === 'no-packages' ? (
          <p className="notice" role="status" data-testid="run-no-packages">
            This workflow builds no packages, so its run has no graph: its status above is the whole story.
          </p>
        ) : null}
        {record ? (
          <RunFailureReason
            record={record}
            view={view}
            busy={busy}
            onRetryPackage={retryPackage}
            onSelect={(n) => run.getState().select(n)}
          />
        ) : null}
        {status === 'not-found' ? (
          <ErrorMessage
            title="Run not found"
            message={`No run ${workflowId} is known to this app: it may belong to another data folder, or the address is mistyped.`}
            action={
              <a className="button button--small" href={hashOf({ page: 'runs' })}>
                All runs
              </a>
            }
          />
        ) : status === 'error' && error ? (
          <ErrorMessage
            title="Could not load the run"
            message={error}
            action={
              <button
                type="button"
                className="button button--small"
                onClick={() => void run.getState().resync()}
              >
                Retry
              </button>
            }
          />
        ) : null}

        {model ? (
          <div className="run-page__body">
            <div className="run-page__graph-column">
              <div className="run-toolbar">
                <input
                  ref={search}
                  type="search"
                  className="input"
                  placeholder="Search packages or status (Ctrl+F)"
                  aria-label="Search packages"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  data-testid="graph-search"
                />
                <label className="run-toolbar__check">
                  Focus
                  <select
                    className="input input--small"
                    aria-label="Focus depth"
                    defaultValue="all"
                    onChange={(e) =>
                      ui
                        .getState()
                        .set({ depth: e.target.value === 'all' ? Infinity : Number(e.target.value) })
                    }
                    data-testid="focus-depth"
                  >
                    <option value="all">all up/downstream</option>
                    <option value="1">1 level</option>
                    <option value="2">2 levels</option>
                    <option value="3">3 levels</option>
                  </select>
                </label>
                <label className="run-toolbar__check">
                  <input
                    type="checkbox"
                    onChange={(e) => ui.getState().set({ hideCompleted: e.target.checked })}
                  />{' '}
                  Dim completed
                </label>
                <span className="run-legend" aria-hidden="true">
                  <span className="run-legend__critical" /> critical path
                </span>
              </div>
              <RunGraph model={model} onDrawn={setGraphDrawn} />
            </div>
            <aside className="run-page__side">
              {selected ? (
                <PackageDetails
                  workflowId={workflowId}
                  name={selected}
                  pkg={view?.packages[selected]}
                  status={statusOf(view, selected)}
                  model={model}
                  now={now}
                  onSelect={(n) => run.getState().select(n)}
                  server={server}
                  busy={busy}
                  onRetry={retryPackage && (() => retryPackage(selected))}
                />
              ) : null}
              {view ? (
                <StatusPanel
                  view={view}
                  total={model.nodes.length}
                  eta={eta}
                  criticalLeft={critical.length}
                  onSelect={(n) => run.getState().select(n)}
                />
              ) : (
                <p className="muted">Loading the run's state…</p>
              )}
              {whatIf && view ? (
                <WhatIfPanel
                  whatIf={whatIf}
                  slots={view.summary.concurrency.max}
                  actualMs={actualMs}
                  comparison={comparison ?? undefined}
                />
              ) : null}
            </aside>
          </div>
        ) : status === 'loading' ? (
          <p className="muted">Loading the run…</p>
        ) : null}
        {model && timeline ? <RunCharts timeline={timeline} /> : null}
        {record && !running ? <RunReportPanel workflowId={workflowId} /> : null}
      </div>
    </RunGraphContext.Provider>
  );
}
