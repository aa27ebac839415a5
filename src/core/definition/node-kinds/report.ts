import { z } from 'zod';
import { NodeIdRefSchema, ValueSchema } from '../common';
import { defineNodeKind } from './types';

/** Data of a report node: the summary of a package loop, optionally written to files. */
export const ReportDataSchema = z
  .object({
    loop: NodeIdRefSchema.describe('The dynamicLoop or batchLoop node to report on'),
    title: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Title of the report. Default: the workflow’s name'),
    write: z
      .boolean()
      .optional()
      .describe('Write report.json, report.md and report.html with the writeReport activity. Default: true'),
    dir: ValueSchema.optional().describe(
      'No longer accepted (an error names it): reports always go to the app’s reports folder, which the worker decides',
    ),
  })
  .strict()
  .describe('Summarizes a package loop: totals, durations, failures, blocked packages');
export type ReportData = z.infer<typeof ReportDataSchema>;

/** The report node kind. */
export const reportKind = defineNodeKind({
  kind: 'report',
  version: 1,
  schema: ReportDataSchema,
  defaultData: { write: true },
  display: {
    label: 'Report',
    description:
      'Summarizes a package loop (totals, durations, failures, blocked packages) and writes it as JSON and Markdown.',
    category: 'output',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
