import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PRIVATE_DIR_MODE, writePrivateFileAtomicallyAsync } from '../app/private-files';
import {
  WriteReportInputSchema,
  reportRelativeDir,
  type WriteReportInput,
  type WriteReportResult,
} from '../../core/activities';
import { invalidInput, parseInput } from './activity-support';
import { renderReportHtml } from './report-html';
import { renderReportMarkdown, reportSummary } from './report-markdown';
import { isInside } from './workspace-access';

/** The HTML page's file name in a run's report folder. */
export const REPORT_HTML_FILE = 'report.html';

export interface WriteReportDeps {
  now: () => number;
  /** The folder of reports, `<data dir>/reports` (never from the input). */
  reportDir: string;
}

/**
 * Writes `<data dir>/reports/<runId>/report.json` (`{title, runId, generatedAt, report}`), `report.md` (a
 * readable summary) and `report.html` (the page the app's Report tab and a browser show; beside
 * the others, so the result type — part of generated projects' activity types — is unchanged), each through a temporary file renamed into place so a failed write never
 * leaves half a report, and returns their paths.
 */
export async function writeReport(
  deps: WriteReportDeps,
  rawInput: WriteReportInput,
): Promise<WriteReportResult> {
  const input = parseInput('writeReport', WriteReportInputSchema, rawInput);
  const reportDir = resolve(deps.reportDir);
  const dir = join(reportDir, reportRelativeDir(input.runId));
  // reportRelativeDir makes the run id one safe segment; checked again because an input must
  // never choose where the worker writes.
  if (!isInside(reportDir, dir) || dir === reportDir)
    throw invalidInput('writeReport', 'runId', `the report folder ${dir} leaves ${reportDir}`);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const generatedAt = new Date(deps.now()).toISOString();
  const path = join(dir, 'report.json');
  const markdownPath = join(dir, 'report.md');
  const summary = reportSummary(input.report)?.summary; // the numbers report.md shows (summarizeRun)
  const json = JSON.stringify(
    {
      title: input.title,
      runId: input.runId,
      generatedAt,
      report: input.report ?? null,
      ...(summary && { summary }),
    },
    null,
    2,
  );
  await writePrivateFileAtomicallyAsync(path, `${json}\n`);
  const page = { title: input.title, runId: input.runId, generatedAt, report: input.report };
  await writePrivateFileAtomicallyAsync(markdownPath, renderReportMarkdown(page));
  await writePrivateFileAtomicallyAsync(join(dir, REPORT_HTML_FILE), renderReportHtml(page));
  return { path, markdownPath };
}
