import { z } from 'zod';
import type { ActivityCatalogEntry } from './types';

/** Input of `writeReport`. */
export const WriteReportInputSchema = z
  .object({
    runId: z.string().min(1).max(400).describe('Id of the run; names the report folder'),
    title: z.string().min(1).max(200).describe('Title of the report'),
    report: z.unknown().describe('What to report: an OrchestrationState, or any JSON value'),
  })
  .strict();
export type WriteReportInput = z.infer<typeof WriteReportInputSchema>;

/** Result of `writeReport`. */
export interface WriteReportResult {
  /** `<data dir>/reports/<runId>/report.json`. */
  path: string;
  /** `<data dir>/reports/<runId>/report.md`. */
  markdownPath: string;
}

const WRITE_REPORT_TYPES = `/** What \`writeReport\` writes. */
export interface WriteReportInput {
  /** The id of the run, which names the report's folder. */
  runId: string;
  /** The report's title. */
  title: string;
  /** What to report: an OrchestrationState, or any JSON value. */
  report: unknown;
}

/** Where \`writeReport\` wrote the report. */
export interface WriteReportResult {
  /** The path of \`<data dir>/reports/<runId>/report.json\`. */
  path: string;
  /** The path of \`<data dir>/reports/<runId>/report.md\`. */
  markdownPath: string;
}`;

/** `writeReport(input)`: a run's report as JSON and Markdown. */
export const writeReportActivity: ActivityCatalogEntry = {
  name: 'writeReport',
  description:
    'Writes <data dir>/reports/<runId>/report.json, report.md and report.html (totals, durations, failures, blocked packages) and returns the JSON and Markdown paths (report.html sits beside them).',
  signature: { params: 'input: WriteReportInput', returns: 'Promise<WriteReportResult>' },
  typeDeclarations: WRITE_REPORT_TYPES,
  argsSchema: z.tuple([WriteReportInputSchema]),
  defaultTimeouts: { startToCloseMs: 60_000 },
};
