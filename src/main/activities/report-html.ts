import { packageLogPath } from '../../core/activities/log-paths';
import type { RunSummary } from '../../core/graph/run-summary';
import { formatMs } from './build-package';
import { reportSummary, type ReportRenderInput } from './report-markdown';

/**
 * The HTML page of a run report (report.html beside report.json and report.md): each package's
 * status, duration, attempts and log; the critical path; makespan against its lower bound
 * max(critical path, work / N); slot utilisation; totals. The numbers are the run summary's
 * (core/graph/run-summary, computed once by `reportSummary`), never recomputed here.
 *
 * A standalone file: no script at all, its one <style> element inline (a file opened from disk
 * has no CSP). Every text that came from a run — package names, errors, the title — is escaped,
 * since a package.json can name a package `<img onerror=…>`.
 */
export function renderReportHtml(options: ReportRenderInput): string {
  const { title, runId, generatedAt, report } = options;
  const result = reportSummary(report);
  const body: string[] = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">Run <code>${esc(runId)}</code> · generated ${esc(generatedAt)}</p>`,
  ];
  if (!result) {
    body.push('<h2>Report</h2>', `<pre>${esc(JSON.stringify(report, null, 2) ?? 'undefined')}</pre>`);
  } else {
    const { summary, edgesKnown } = result;
    body.push(...totalsSection(summary), ...scheduleSection(summary, edgesKnown));
    body.push(...packagesSection(summary, runId));
  }
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may run or load: the page is data.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}',
  'table{border-collapse:collapse;margin:.5rem 0 1.5rem}',
  'th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}',
  'td.num{text-align:right;font-variant-numeric:tabular-nums}',
  '.meta{color:#57606a}',
  '.s-completed{color:#1a7f37}.s-failed{color:#cf222e}.s-blocked{color:#9a6700}',
].join('');

function totalsSection(s: RunSummary): string[] {
  const t = s.totals;
  const rows: Array<[string, number]> = [
    ['Packages', t.packages],
    ['Completed', t.completed],
    ['Failed', t.failed],
    ['Blocked', t.blocked],
    ['Skipped (no such script)', t.skipped],
    ['Cancelled', t.cancelled],
    ['Running', t.running],
    ['Pending', t.pending],
    ['Attempts', t.attempts],
    ['Retries', t.retries],
  ];
  return [
    '<h2>Totals</h2>',
    table(rows.filter(([, n], i) => i < 3 || n > 0).map(([k, n]) => [k, String(n)])),
  ];
}

function scheduleSection(s: RunSummary, edgesKnown: boolean): string[] {
  const pct = (x: number): string => `${Math.round(x * 100)} %`;
  const longest = edgesKnown ? 'critical path' : 'longest package';
  const rows: Array<[string, string]> = [];
  if (s.makespanMs !== undefined) rows.push(['Makespan', formatMs(s.makespanMs)]);
  rows.push([
    'Lower bound',
    `${formatMs(s.lowerBoundMs)} = max(${longest} ${formatMs(s.criticalPath.lengthMs)}, work ${formatMs(s.workMs)} / N=${s.slots})`,
  ]);
  if (s.efficiency !== undefined) rows.push(['Efficiency', `${pct(s.efficiency)} (lower bound / makespan)`]);
  if (s.criticalPath.path.length > 0)
    rows.push([edgesKnown ? 'Critical path' : 'Longest package', s.criticalPath.path.join(' → ')]);
  const u = s.utilisation;
  if (u) {
    rows.push(['Utilisation average', pct(u.average)]);
    if (u.max !== undefined) rows.push(['Utilisation max', pct(u.max)]);
    if (u.p95 !== undefined) rows.push(['Utilisation p95', pct(u.p95)]);
  }
  return ['<h2>Schedule</h2>', table(rows)];
}

function packagesSection(s: RunSummary, runId: string): string[] {
  const head = '<tr><th>Package</th><th>Status</th><th>Duration</th><th>Attempts</th><th>Log</th></tr>';
  const rows = s.packages.map((p) => {
    const status = p.blockedBy ? `blocked by ${p.blockedBy}` : p.error ? `${p.status}: ${p.error}` : p.status;
    const log = packageLogPath(runId, p);
    return (
      `<tr><td>${esc(p.name)}</td><td class="s-${esc(p.status)}">${esc(status)}</td>` +
      `<td class="num">${p.attempts > 0 ? formatMs(p.durationMs) : ''}</td><td class="num">${p.attempts}</td>` +
      `<td>${log ? `<code>${esc(log)}</code>` : ''}</td></tr>`
    );
  });
  return ['<h2>Packages</h2>', `<table>${head}${rows.join('')}</table>`];
}

function table(rows: Array<[string, string]>): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

/** Text as HTML: the five characters that can end a text node or an attribute value. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
