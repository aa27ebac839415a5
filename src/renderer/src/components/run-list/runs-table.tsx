import type { RunRecord } from '../../../../core/ipc/contract';
import type { RunSummary } from '../../../../core/run-status';
import { formatDateTime, formatRelative } from '../../lib/format';
import { hashOf } from '../../lib/hash-route';
import { formatDuration, runCounts, runDurationMs } from '../../lib/run-format';
import { RunStatusPill } from './run-status-pill';
import { VirtualRows } from './virtual-rows';

export interface RunsTableProps {
  items: RunRecord[];
  live: Record<string, RunSummary>;
  /** Definition names by id. */
  names: ReadonlyMap<string, string>;
  now: number;
  height: number;
}

const ROW_HEIGHT = 44;

/** The runs, newest first, virtualised: status, definition + version, start, duration, packages. */
export function RunsTable({ items, live, names, now, height }: RunsTableProps) {
  return (
    <div className="runs-table" role="table" aria-label="Runs" aria-rowcount={items.length + 1}>
      <div className="runs-table__row runs-table__head" role="row">
        <span role="columnheader">Status</span>
        <span role="columnheader">Workflow</span>
        <span role="columnheader">Started</span>
        <span role="columnheader" className="table__num">
          Duration
        </span>
        <span role="columnheader" className="table__num">
          Done / failed
        </span>
      </div>
      <VirtualRows
        items={items}
        rowHeight={ROW_HEIGHT}
        height={height}
        testId="runs-list"
        renderRow={(run) => {
          const summary = live[run.workflowId];
          const counts = runCounts(run, summary);
          const name = (run.definitionId && names.get(run.definitionId)) ?? run.workflowType;
          return (
            <a
              key={run.workflowId}
              role="row"
              className="runs-table__row runs-table__link"
              href={hashOf({ page: 'run', workflowId: run.workflowId })}
              data-testid="run-row"
              data-workflow-id={run.workflowId}
              style={{ height: ROW_HEIGHT }}
            >
              <span role="cell">
                <RunStatusPill
                  status={run.status}
                  waiting={summary?.phase === 'awaiting-retry' && run.status === 'running'}
                />
              </span>
              <span role="cell" className="runs-table__name">
                {name}
                {run.definitionVersion !== null ? (
                  <span className="muted"> v{run.definitionVersion}</span>
                ) : null}
                <span className="runs-table__id">{run.workflowId}</span>
              </span>
              <span role="cell">
                <time dateTime={run.startedAt} title={formatDateTime(run.startedAt)}>
                  {formatRelative(run.startedAt, now)}
                </time>
              </span>
              <span role="cell" className="table__num">
                {formatDuration(runDurationMs(run, now))}
              </span>
              <span role="cell" className="table__num" data-testid="run-counts">
                {counts ? (
                  <>
                    {counts.done} /{' '}
                    <span className={counts.failed > 0 ? 'text-bad' : undefined}>{counts.failed}</span>
                    <span className="muted"> of {counts.total}</span>
                  </>
                ) : (
                  '—'
                )}
              </span>
            </a>
          );
        }}
      />
    </div>
  );
}
