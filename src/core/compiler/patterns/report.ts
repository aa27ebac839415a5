import { lines, literal, member } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';
import { catalogTimeout } from './temporal-options';

/**
 * The report pattern: the state of a package loop (`loopReport`: totals, durations, failures,
 * blocked packages), written as report.json and report.md by the writeReport activity unless
 * `write` is false; the node's result is the report's title and file paths (or the report itself).
 */
export const emitReport: Emitter<'report'> = ({ node }, ctx) => {
  const data = node.data;
  const title = literal(data.title ?? ctx.workflow.name);
  const report = ctx.locals.name(`report:${node.id}`, `${node.id} state`);
  ctx.useHelper('loopReport');
  const read = `const ${report} = loopReport(run, ${literal(data.loop)});`;
  if (data.write === false) {
    return lines(
      marker(node.id, `report of "${data.loop}"`),
      read,
      `run.results${member(node.id)} = { title: ${title}, report: ${report} };`,
    );
  }
  const proxy = ctx.module.name(
    `activities:${ctx.workflow.workflowType}:${node.id}`,
    `${node.id} activities`,
  );
  ctx.importFrom('@temporalio/workflow', 'proxyActivities');
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  ctx.importFrom('./activity-types', 'Activities', true);
  ctx.declareBefore(
    lines(
      marker(node.id, 'writes the report'),
      `const ${proxy} = proxyActivities<Activities>({ startToCloseTimeout: ${catalogTimeout('writeReport')} });`,
    ),
  );
  const written = ctx.locals.name(`written:${node.id}`, `${node.id} files`);
  return lines(
    marker(node.id, `report of "${data.loop}", written to files`),
    read,
    `const ${written} = await ${proxy}.writeReport({ runId: workflowInfo().workflowId, title: ${title}, report: ${report} });`,
    `run.results${member(node.id)} = { title: ${title}, ...${written} };`,
  );
};
