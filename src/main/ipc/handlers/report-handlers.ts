import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { reportRelativeDir } from '../../../core/activities/log-paths';
import { IpcFailure, type RunReport } from '../../../core/ipc';
import { REPORT_HTML_FILE } from '../../activities/write-report';
import { reportSummary } from '../../activities/report-markdown';
import type { Store } from '../../store';
import type { Handlers } from '../dispatcher';

/**
 * runs.report: the report a run's Report node wrote under `<data dir>/reports/<workflowId>/`, with
 * the run summary report.html shows (the same core/graph/run-summary numbers), so the run page
 * renders it as React — no foreign HTML enters the app's page. Only a run the store knows, and
 * only its own report folder, is ever read.
 */
export function createReportHandlers(deps: {
  store: Pick<Store, 'runs'>;
  reportsDir: string;
}): Pick<Handlers, 'runs.report'> {
  return {
    async 'runs.report'({ workflowId }): Promise<RunReport> {
      deps.store.runs.get(workflowId); // NOT_FOUND for a run the app does not know
      const dir = join(deps.reportsDir, reportRelativeDir(workflowId));
      const json = join(dir, 'report.json');
      const text = await readFile(json, 'utf8').catch(() => undefined);
      if (text === undefined) {
        throw new IpcFailure(
          'NOT_FOUND',
          `Run ${workflowId} has no report yet (its Report step has not run)`,
        );
      }
      let parsed: { title?: unknown; generatedAt?: unknown; report?: unknown };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch (error) {
        throw new IpcFailure('INTERNAL', `${json} is not valid JSON: ${(error as Error).message}`);
      }
      const html = join(dir, REPORT_HTML_FILE);
      const hasHtml = (await stat(html).catch(() => undefined))?.isFile() ?? false;
      const result = reportSummary(parsed.report);
      return {
        title: typeof parsed.title === 'string' ? parsed.title : 'Report',
        generatedAt: typeof parsed.generatedAt === 'string' ? parsed.generatedAt : '',
        files: { json, markdown: join(dir, 'report.md'), ...(hasHtml && { html }) },
        summary: result?.summary,
        edgesKnown: result?.edgesKnown ?? false,
      };
    },
  };
}
