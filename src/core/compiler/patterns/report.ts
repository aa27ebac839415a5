import { lines, literal, member } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';
import { catalogTimeout } from './temporal-options';

/**
 * The report pattern: the state of a package loop (`loopReport`: totals, durations, failures,
 * blocked packages), written as report.json, report.md and report.html by the writeReport activity unless
 * `write` is false; the node's result is the report's title and file paths (or the report itself).
 */
export const emitReport: Emitter<'report'> = ({ node }, ctx) => {
  const data = node.data;
  const title = literal(data.title ?? ctx.workflow.name);
  ctx.importFrom('./runtime', 'loopReport');
  const report = `loopReport(run, ${literal(data.loop)})`;
  if (data.write === false) {
    return lines(marker(node), `run.results${member(node.id)} = { title: ${title}, report: ${report} };`);
  }
  const proxy = ctx.activityProxy([`startToCloseTimeout: ${catalogTimeout('writeReport')},`]);
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  const written = ctx.locals.name(`written:${node.id}`, `${node.id} files`);
  return lines(
    marker(node),
    `const ${written} = await ${proxy}.writeReport({ runId: workflowInfo().workflowId, title: ${title}, report: ${report} });`,
    `run.results${member(node.id)} = { title: ${title}, ...${written} };`,
  );
};
