import { DependencyGraph } from '../../core/graph/dependency-graph';
import type { RunSummary } from '../../core/graph/run-summary';
import type { PackageSpec } from '../../core/graph/types';
import type { OrchestrationState } from '../../core/orchestration/orchestration-state';
import { summarizeState } from '../../core/orchestration/state-summary';
import { formatMs } from './build-package';

/**
 * The run summary of a report that is an OrchestrationState (see core/orchestration/state-summary),
 * or undefined for any other value — including a state too damaged to summarise, since a report
 * must still be written.
 */
export function reportSummary(report: unknown): { summary: RunSummary; edgesKnown: boolean } | undefined {
  if (!isStateLike(report)) return undefined;
  try {
    return summarizeState(report as unknown as OrchestrationState, packagesOf(report));
  } catch {
    return undefined;
  }
}

/**
 * The packages and their dependencies when the report carries its loop's graph (`loopReport` adds
 * it), so the critical path follows the edges; undefined for an older report without one.
 */
function packagesOf(report: Record<string, unknown>): PackageSpec[] | undefined {
  if (report.graph === undefined) return undefined;
  try {
    const graph = DependencyGraph.fromJSON(report.graph);
    return graph.nodes().map((node) => ({ name: node.name, dependencies: graph.dependenciesOf(node.name) }));
  } catch {
    return undefined; // a damaged graph: the report is still written, with the longest package
  }
}

/** What a report renderer (Markdown here, HTML in report-html.ts) is given. */
export interface ReportRenderInput {
  title: string;
  runId: string;
  generatedAt: string;
  report: unknown;
}

/**
 * The Markdown summary of a run report. An OrchestrationState (see the shared plan) gets totals,
 * failures, blocked packages with their cause and a durations table; any other value is shown as
 * JSON. Reads the state structurally and defensively: a field that is missing is left out.
 */
export function renderReportMarkdown(options: ReportRenderInput): string {
  const { title, runId, generatedAt, report } = options;
  const out: string[] = [
    `# ${oneLine(title)}`,
    '',
    `Run \`${oneLine(runId)}\` · generated ${generatedAt}`,
    '',
  ];
  if (!isStateLike(report)) {
    out.push('## Report', '', '```json', JSON.stringify(report, null, 2) ?? 'undefined', '```', '');
    return out.join('\n');
  }

  const totals = record(report.totals);
  const completed = rows(report.completed);
  const failed = rows(report.failed);
  const blocked = rows(report.blocked);
  const skipped = rows(report.skipped);
  const startedAt = str(report.startedAt);
  const finishedAt = str(report.finishedAt);
  const wallMs = startedAt && finishedAt ? Date.parse(finishedAt) - Date.parse(startedAt) : undefined;
  const buildMs = completed.reduce((sum, row) => sum + (num(row.durationMs) ?? 0), 0);

  const summary: Array<[string, string]> = [];
  const add = (label: string, value: unknown): void => {
    if (value !== undefined && value !== '') summary.push([label, String(value)]);
  };
  add('Workflow', str(report.workflowType));
  add('Phase', str(report.phase));
  add('Packages', num(totals.packages));
  add('Completed', num(totals.completed) ?? completed.length);
  if (skipped.length > 0) add('Skipped (no such script)', skipped.length);
  add('Failed', num(totals.failed) ?? failed.length);
  add('Blocked', num(totals.blocked) ?? blocked.length);
  for (const key of ['active', 'queued', 'pending'] as const)
    if (num(totals[key])) add(capitalize(key), num(totals[key]));
  add('Started', startedAt);
  add('Finished', finishedAt);
  if (wallMs !== undefined && Number.isFinite(wallMs)) add('Wall time', formatMs(wallMs));
  if (completed.length > 0) {
    const parallelism = wallMs && wallMs > 0 ? ` (${(buildMs / wallMs).toFixed(1)}× parallelism)` : '';
    add('Sum of build times', `${formatMs(buildMs)}${parallelism}`);
  }
  const concurrency = record(report.concurrency);
  if (num(concurrency.max) !== undefined) add('Max concurrency', num(concurrency.max));
  add('Scheduling policy', str(record(report.eta).policy));
  const generation = num(record(report.continueAsNew).generation);
  if (generation) add('Continued as new', `${generation}×`);

  out.push('| | |', '|---|---|', ...summary.map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  out.push(...scheduleSection(reportSummary(report)));

  if (failed.length > 0) {
    out.push('## Failures', '', '| Package | Error | Child workflow |', '|---|---|---|');
    for (const row of failed)
      out.push(`| ${cell(str(row.name))} | ${cell(str(row.error))} | ${code(str(row.childWorkflowId))} |`);
    out.push('');
  }
  if (blocked.length > 0) {
    out.push(
      '## Blocked',
      '',
      'Not built because a dependency failed (directly or through another blocked package).',
      '',
    );
    out.push('| Package | Blocked by |', '|---|---|');
    for (const row of blocked) out.push(`| ${cell(str(row.name))} | ${cell(str(row.blockedBy))} |`);
    out.push('');
  }
  if (skipped.length > 0) {
    out.push('## Skipped', '', 'Nothing to run: the package has none of the requested scripts.', '');
    out.push(skipped.map((row) => `- ${cell(str(row.name))}`).join('\n'), '');
  }
  if (completed.length > 0) {
    out.push('## Build durations', '', '| # | Package | Duration |', '|---:|---|---:|');
    const sorted = [...completed].sort(
      (a, b) =>
        (num(b.durationMs) ?? 0) - (num(a.durationMs) ?? 0) || String(a.name).localeCompare(String(b.name)),
    );
    sorted.forEach((row, i) => {
      const ms = num(row.durationMs);
      out.push(`| ${i + 1} | ${cell(str(row.name))} | ${ms === undefined ? '' : formatMs(ms)} |`);
    });
    out.push('');
  }
  return out.join('\n');
}

/** Makespan against its lower bound and how busy the N slots were, from the run summary. */
function scheduleSection(result: ReturnType<typeof reportSummary>): string[] {
  const s = result?.summary;
  if (!s || s.makespanMs === undefined || s.workMs === 0) return [];
  const pct = (x: number): string => `${Math.round(x * 100)} %`;
  const longest = result.edgesKnown
    ? `critical path ${formatMs(s.criticalPath.lengthMs)}`
    : `longest package ${formatMs(s.criticalPath.lengthMs)}`;
  const rowsOut: Array<[string, string]> = [
    ['Makespan', formatMs(s.makespanMs)],
    ['Lower bound', `${formatMs(s.lowerBoundMs)} = max(${longest}, work ${formatMs(s.workMs)} / ${s.slots})`],
  ];
  if (s.efficiency !== undefined)
    rowsOut.push(['Efficiency', `${pct(s.efficiency)} (lower bound / makespan)`]);
  if (result.edgesKnown && s.criticalPath.path.length > 0)
    rowsOut.push(['Critical path', s.criticalPath.path.join(' → ')]);
  const u = s.utilisation;
  if (u) {
    const extremes =
      u.max !== undefined && u.p95 !== undefined ? `, max ${pct(u.max)}, p95 ${pct(u.p95)}` : '';
    rowsOut.push(['Slot utilisation', `average ${pct(u.average)}${extremes} (in flight / N over time)`]);
  }
  if (s.totals.retries > 0) rowsOut.push(['Retries', String(s.totals.retries)]);
  return ['## Schedule', '', '| | |', '|---|---|', ...rowsOut.map(([k, v]) => `| ${k} | ${cell(v)} |`), ''];
}

type Row = Record<string, unknown>;

function isStateLike(value: unknown): value is Row {
  const v = record(value);
  return typeof v.totals === 'object' && v.totals !== null && Array.isArray(v.completed);
}

function record(value: unknown): Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : {};
}

function rows(value: unknown): Row[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** A table cell: one line, pipes escaped. */
function cell(text: string | undefined): string {
  return oneLine(text ?? '').replace(/\|/g, '\\|');
}

function code(text: string | undefined): string {
  return text ? `\`${cell(text).replace(/`/g, "'")}\`` : '';
}
