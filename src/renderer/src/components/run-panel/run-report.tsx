import { useState } from 'react';
import { packageLogPath } from '../../../../core/activities/log-paths';
import type { RunSummary } from '../../../../core/graph/run-summary';
import type { RunReport as RunReportData } from '../../../../core/ipc';
import { useApi } from '../../api/api-context';
import { call } from '../../api/calls';
import { formatDuration } from '../../lib/run-format';
import { ErrorMessage } from '../error-message';

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/**
 * The run's report (what report.html shows), rendered as React from the same run summary
 * (core/graph/run-summary) main reads from the report — no foreign HTML enters the page, so the
 * app's CSP stays as strict as it is. Loaded when opened: a run may not have reached its Report step.
 */
export function RunReportPanel({ workflowId }: { workflowId: string }) {
  const api = useApi();
  const [report, setReport] = useState<RunReportData>();
  const [error, setError] = useState<string>();
  const load = async () => {
    try {
      setReport(await call(api, 'runs.report', { workflowId }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <details
      className="card run-report"
      data-testid="run-report"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open && !report) void load();
      }}
    >
      <summary data-testid="run-report-toggle">Report</summary>
      {error ? <ErrorMessage title="No report" message={error} /> : null}
      {report ? (
        <ReportBody report={report} workflowId={workflowId} />
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </details>
  );
}

function ReportBody({ report, workflowId }: { report: RunReportData; workflowId: string }) {
  const s = report.summary as RunSummary | undefined;
  return (
    <div data-testid="run-report-body">
      <h2>{report.title}</h2>
      <p className="muted">
        Generated {report.generatedAt} · <code>{report.files.html ?? report.files.markdown}</code>
      </p>
      {!s ? (
        <p>This run's report holds no package build summary; see {report.files.json}.</p>
      ) : (
        <>
          <h3>Schedule</h3>
          <dl className="run-report__grid" data-testid="run-report-schedule">
            {s.makespanMs !== undefined ? (
              <>
                <dt>Makespan</dt>
                <dd>{formatDuration(s.makespanMs)}</dd>
              </>
            ) : null}
            <dt>Lower bound</dt>
            <dd>
              {formatDuration(s.lowerBoundMs)} = max({report.edgesKnown ? 'critical path' : 'longest package'}{' '}
              {formatDuration(s.criticalPath.lengthMs)}, work {formatDuration(s.workMs)} / N={s.slots})
            </dd>
            {s.efficiency !== undefined ? (
              <>
                <dt>Efficiency</dt>
                <dd>{pct(s.efficiency)}</dd>
              </>
            ) : null}
            <dt>{report.edgesKnown ? 'Critical path' : 'Longest package'}</dt>
            <dd>{s.criticalPath.path.join(' → ') || '—'}</dd>
            {s.utilisation ? (
              <>
                <dt>Utilisation</dt>
                <dd>
                  average {pct(s.utilisation.average)}
                  {s.utilisation.max !== undefined ? `, max ${pct(s.utilisation.max)}` : ''}
                  {s.utilisation.p95 !== undefined ? `, p95 ${pct(s.utilisation.p95)}` : ''}
                </dd>
              </>
            ) : null}
            <dt>Totals</dt>
            <dd data-testid="run-report-totals">
              {s.totals.completed} completed, {s.totals.failed} failed, {s.totals.blocked} blocked,{' '}
              {s.totals.skipped} skipped of {s.totals.packages}; {s.totals.attempts} attempts
            </dd>
          </dl>
          <h3>Packages</h3>
          <table className="table" data-testid="run-report-packages">
            <thead>
              <tr>
                <th>Package</th>
                <th>Status</th>
                <th className="table__num">Duration</th>
                <th className="table__num">Attempts</th>
                <th>Log</th>
              </tr>
            </thead>
            <tbody>
              {s.packages.map((p) => (
                <tr key={p.name}>
                  <td className="table__name">{p.name}</td>
                  <td>
                    {p.blockedBy
                      ? `blocked by ${p.blockedBy}`
                      : p.error
                        ? `${p.status}: ${p.error}`
                        : p.status}
                  </td>
                  <td className="table__num">{p.attempts > 0 ? formatDuration(p.durationMs) : ''}</td>
                  <td className="table__num">{p.attempts}</td>
                  <td>
                    <code>{packageLogPath(workflowId, p) ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
