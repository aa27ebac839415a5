import { durationLiteral, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';
import { optionFields, retryPolicyLiteral } from './temporal-options';

/**
 * The child workflow pattern. `execute` awaits `executeChild` and stores the child's result;
 * `start` awaits only the start (`startChild`), stores `{ workflowId, runId }` and — unless the
 * parent close policy is ABANDON — registers the child's result to be joined by `finishRun`, so
 * the parent never closes under a running child. The child's id is `<parent id>/<node id>`.
 * A child's failure reaches the parent as a ChildWorkflowFailure; with continueOnFailure its root
 * cause is stored as `$error.<node>`.
 */
export const emitChildWorkflow: Emitter<'child-workflow'> = ({ node, child }, ctx) => {
  const data = node.data;
  const policy = data.parentClosePolicy ?? 'TERMINATE';
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  ctx.importFrom('@temporalio/workflow', 'ParentClosePolicy');
  const input = Object.entries(data.input ?? {}).map(
    ([key, value]) => `${literalKey(key)}: ${ctx.value(value, { in: 'workflow' })},`,
  );
  const options = [
    `workflowId: workflowInfo().workflowId + ${literal(`/${node.id}`)},`,
    `taskQueue: ${literal(data.taskQueue ?? child.taskQueue)},`,
    `args: [{ ${input.join(' ')} }],`,
    `parentClosePolicy: ParentClosePolicy.${policy},`,
    ...optionFields({
      workflowExecutionTimeout:
        data.workflowExecutionTimeoutMs === undefined
          ? undefined
          : durationLiteral(data.workflowExecutionTimeoutMs),
      workflowRunTimeout:
        data.workflowRunTimeoutMs === undefined ? undefined : durationLiteral(data.workflowRunTimeoutMs),
      retry: data.retry === undefined ? undefined : retryPolicyLiteral(data.retry),
    }),
  ].join(' ');
  const body =
    data.mode === 'execute'
      ? executeBody(node.id, child.workflowType, options, ctx)
      : startBody(node.id, child.workflowType, options, policy, data.continueOnFailure ?? false, ctx);
  const title = `child workflow ${child.workflowType} (${data.mode})`;
  if (!data.continueOnFailure) return lines(marker(node.id, title), body);
  ctx.useHelper('errorMessage');
  return lines(
    marker(node.id, `${title}, continues on failure`),
    'try {',
    body,
    '} catch (error) {',
    `  run.errors${member(node.id)} = errorMessage(error);`,
    '}',
  );
};

function literalKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key);
}

function executeBody(nodeId: string, workflowType: string, options: string, ctx: EmitContext): string {
  ctx.importFrom('@temporalio/workflow', 'executeChild');
  return `run.results${member(nodeId)} = await executeChild(${literal(workflowType)}, { ${options} });`;
}

function startBody(
  nodeId: string,
  workflowType: string,
  options: string,
  policy: string,
  continueOnFailure: boolean,
  ctx: EmitContext,
): string {
  ctx.importFrom('@temporalio/workflow', 'startChild');
  const handle = ctx.locals.name(`child:${nodeId}`, `${nodeId} child`);
  return lines(
    `const ${handle} = await startChild(${literal(workflowType)}, { ${options} });`,
    `run.results${member(nodeId)} = { workflowId: ${handle}.workflowId, runId: ${handle}.firstExecutionRunId };`,
    policy === 'ABANDON'
      ? '// Abandoned: the child outlives this run; the run does not wait for it.'
      : lines(
          '// Joined before the run returns: the parent never closes under a running child.',
          `run.joins.push({ nodeId: ${literal(nodeId)}, settled: ${handle}.result().then(() => undefined, (error: unknown) => error), continueOnFailure: ${continueOnFailure} });`,
        ),
  );
}
