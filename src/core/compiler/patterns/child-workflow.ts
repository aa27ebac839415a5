import { durationLiteral, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { childArgs, childTarget } from './child-target';
import { marker } from './markers';
import { optionFields, retryPolicyLiteral } from './temporal-options';

/**
 * The child workflow pattern. `execute` awaits `executeChild` and stores the child's result;
 * `start` awaits only the start (`startChild`), stores `{ workflowId, runId }` and — unless the
 * parent close policy is ABANDON — joins the child's result in `finishRun`, so the parent never
 * closes under a running child. The child's id is `<parent id>/<node id>`. A child's failure
 * reaches the parent as a ChildWorkflowFailure; with continueOnFailure its root cause is stored as
 * `$error.<node>`.
 */
export const emitChildWorkflow: Emitter<'child-workflow'> = ({ node, child }, ctx) => {
  const data = node.data;
  const policy = data.parentClosePolicy ?? 'TERMINATE';
  const target = childTarget(child, data.taskQueue, ctx);
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  const input = Object.entries(data.input ?? {}).map(
    ([key, value]) => `${literalKey(key)}: ${ctx.value(value, { in: 'workflow' })},`,
  );
  if (policy !== 'TERMINATE') ctx.importFrom('@temporalio/workflow', 'ParentClosePolicy');
  const { declare, args } = childArgs(input, target.inputType, ctx.locals.name(`input:${node.id}`, `${node.id} input`));
  const options = [
    `workflowId: workflowInfo().workflowId + ${literal(`/${node.id}`)},`,
    `taskQueue: ${target.taskQueue},`,
    `args: ${args},`,
    // TERMINATE is Temporal's default parent close policy.
    policy !== 'TERMINATE' && `parentClosePolicy: ParentClosePolicy.${policy},`,
    ...optionFields({
      workflowExecutionTimeout:
        data.workflowExecutionTimeoutMs === undefined
          ? undefined
          : durationLiteral(data.workflowExecutionTimeoutMs),
      workflowRunTimeout:
        data.workflowRunTimeoutMs === undefined ? undefined : durationLiteral(data.workflowRunTimeoutMs),
      retry: data.retry === undefined ? undefined : retryPolicyLiteral(data.retry),
    }),
  ]
    .filter((o): o is string => typeof o === 'string')
    .join(' ');
  const call =
    data.mode === 'execute'
      ? executeBody(node.id, target.workflow, options, ctx)
      : startBody(node.id, target.workflow, options, policy, data.continueOnFailure ?? false, ctx);
  const body = lines(declare, call);
  if (!data.continueOnFailure) return lines(marker(node), body);
  ctx.importFrom('./runtime', 'errorMessage');
  return lines(
    marker(node),
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

function executeBody(nodeId: string, workflow: string, options: string, ctx: EmitContext): string {
  ctx.importFrom('@temporalio/workflow', 'executeChild');
  return `run.results${member(nodeId)} = await executeChild(${workflow}, { ${options} });`;
}

function startBody(
  nodeId: string,
  workflow: string,
  options: string,
  policy: string,
  continueOnFailure: boolean,
  ctx: EmitContext,
): string {
  ctx.importFrom('@temporalio/workflow', 'startChild');
  const handle = ctx.locals.name(`child:${nodeId}`, `${nodeId} child`);
  const started = lines(
    `const ${handle} = await startChild(${workflow}, { ${options} });`,
    `run.results${member(nodeId)} = { workflowId: ${handle}.workflowId, runId: ${handle}.firstExecutionRunId };`,
  );
  if (policy === 'ABANDON') return lines(started, '// Abandoned: the child outlives this run, which does not wait for it.');
  ctx.importFrom('./runtime', 'joinChild');
  return lines(started, `joinChild(run, ${literal(nodeId)}, ${handle}, ${continueOnFailure});`);
}
