import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  WriteReportInputSchema,
  reportRelativeDir,
  type WriteReportInput,
  type WriteReportResult,
} from '../../core/activities';
import { parseInput } from './activity-support';
import { renderReportMarkdown, reportSummary } from './report-markdown';

export interface WriteReportDeps {
  now: () => number;
  /** Default folder of reports, `<data dir>/reports`. */
  reportDir: string;
}

/**
 * Writes `<dir>/<runId>/report.json` (`{title, runId, generatedAt, report}`) and `report.md` (a
 * readable summary), each through a temporary file renamed into place so a failed write never
 * leaves half a report, and returns their paths.
 */
export async function writeReport(
  deps: WriteReportDeps,
  rawInput: WriteReportInput,
): Promise<WriteReportResult> {
  const input = parseInput('writeReport', WriteReportInputSchema, rawInput);
  const dir = join(resolve(input.dir ?? deps.reportDir), reportRelativeDir(input.runId));
  await mkdir(dir, { recursive: true });
  const generatedAt = new Date(deps.now()).toISOString();
  const path = join(dir, 'report.json');
  const markdownPath = join(dir, 'report.md');
  const summary = reportSummary(input.report)?.summary; // the numbers report.md shows (core/graph/run-summary)
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
  await writeAtomically(path, `${json}\n`);
  await writeAtomically(
    markdownPath,
    renderReportMarkdown({ title: input.title, runId: input.runId, generatedAt, report: input.report }),
  );
  return { path, markdownPath };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
