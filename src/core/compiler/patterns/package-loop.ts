import type { ResolvedChildWorkflow } from '../../definition/common';
import type { NodeOf } from '../../definition/workflow-definition';
import { durationLiteral, literal, propertyKey } from '../code-writer';
import type { EmitContext } from '../emitter';

/**
 * What the dynamic loop and the batch loop share: the per-package child start (spelled out in each
 * loop's function by `emitChildStart`) and the helpers that keep a loop's state — the graph, the
 * ReadyTracker, completed packages, in-flight children — in the run context, where the query and
 * continue-as-new find it.
 */

/**
 * The expression that starts the child workflow of package `name` in the `children` scope and
 * settles to its outcome (never rejects): `children.run(() => startChild(…)).then(…)`.
 */
export function emitChildStart(
  node: NodeOf<'dynamicLoop'> | NodeOf<'batchLoop'>,
  child: ResolvedChildWorkflow,
  ctx: EmitContext,
): string {
  ctx.importFrom('@temporalio/workflow', 'startChild');
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  const scope = { in: 'loop', packageName: 'name', attempt: 'attempt', loop: 'loop' } as const;
  const extra = Object.entries(node.data.childInput ?? {}).map(
    ([key, value]) => `${propertyKey(key)}: ${ctx.value(value, scope)},`,
  );
  const taskQueue = node.data.taskQueue ?? child.taskQueue;
  const timeout = node.data.childExecutionTimeoutMs;
  return [
    'children',
    `  .run(() =>`,
    `    startChild(${literal(child.workflowType)}, {`,
    `      workflowId: childWorkflowId,`,
    `      taskQueue: ${literal(taskQueue)},`,
    `      args: [{ runId: workflowInfo().workflowId, packageName: name, attempt, ${extra.join(' ')} }],`,
    timeout === undefined ? '' : `      workflowExecutionTimeout: ${durationLiteral(timeout)},`,
    `    }),`,
    `  )`,
    `  .then((child) => child.result())`,
    `  .then(`,
    `    (): ChildOutcome => ({ name, ok: true }),`,
    `    (error: unknown): ChildOutcome => ({ name, ok: false, error }),`,
    `  )`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** The source graph of a loop: its dependencyGraph node's graph, without edges when dependencyMode is off. */
export function loopGraphExpression(
  node: NodeOf<'dynamicLoop'> | NodeOf<'batchLoop'>,
  ctx: EmitContext,
): string {
  const graph = ctx.graphVariable(node.data.graph);
  if (node.data.dependencyMode !== 'off') return graph;
  ctx.useHelper('withoutDependencies');
  return `withoutDependencies(${graph})`;
}
