import type { ResolvedChildWorkflow } from '../../definition/common';
import type { NodeOf } from '../../definition/workflow-definition';
import { durationLiteral, lines, propertyKey } from '../code-writer';
import type { EmitContext } from '../emitter';
import { childArgs, childTarget } from './child-target';

/**
 * What the dynamic loop and the batch loop share: the loop function's signature, the opening of
 * the loop (its bookkeeping lives in the runtime's PackageLoop) and the per-package child start.
 */

type LoopNode = NodeOf<'dynamicLoop'> | NodeOf<'batchLoop'>;

/** The loop function's signature line. */
export function loopSignature(fn: string, ctx: EmitContext, withCheckpoint: boolean): string {
  ctx.importFrom('./runtime', 'OrchestratedRun', true);
  ctx.importFrom('./runtime', 'DependencyGraph', true);
  ctx.importFrom('./runtime', 'LoopOutcome', true);
  if (withCheckpoint) ctx.importFrom('./runtime', 'LoopCheckpoint', true);
  const graph = ctx.graphDeclaration === 'let' ? 'DependencyGraph | undefined' : 'DependencyGraph';
  const params = [
    `run: OrchestratedRun<${ctx.workflow.inputTypeName}>`,
    `graph: ${graph}`,
    withCheckpoint && 'checkpoint: LoopCheckpoint | undefined',
  ].filter((p): p is string => typeof p === 'string');
  return `async function ${fn}(${params.join(', ')}): Promise<LoopOutcome> {`;
}

/** `const startPackage: StartPackage = (name, child) => startChild(…);` — one package's child. */
export function emitStartPackage(node: LoopNode, child: ResolvedChildWorkflow, ctx: EmitContext): string {
  ctx.importFrom('@temporalio/workflow', 'startChild');
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  ctx.importFrom('./runtime', 'StartPackage', true);
  const target = childTarget(child, node.data.taskQueue, ctx);
  const scope = { in: 'loop', packageName: 'name', attempt: 'child.attempt', loop: 'loop' } as const;
  const fields = [
    'runId: workflowInfo().workflowId,',
    'packageName: name,',
    'attempt: child.attempt,',
    ...Object.entries(node.data.childInput ?? {}).map(([key, value]) => `${propertyKey(key)}: ${ctx.value(value, scope)},`),
  ];
  const { declare, args } = childArgs(fields, target.inputType, 'input');
  const timeout = node.data.childExecutionTimeoutMs;
  const start = lines(
    `startChild(${target.workflow}, {`,
    `  workflowId: child.workflowId,`,
    `  taskQueue: ${target.taskQueue},`,
    `  args: ${args},`,
    timeout !== undefined && `  workflowExecutionTimeout: ${durationLiteral(timeout)},`,
    `})`,
  );
  if (declare === undefined) return lines('const startPackage: StartPackage = (name, child) =>', `${start};`);
  return lines('const startPackage: StartPackage = (name, child) => {', declare, `return ${start};`, '};');
}

/** The source graph of a loop: its dependencyGraph node's graph, without edges when dependencyMode is off. */
export function loopGraphExpression(node: LoopNode, ctx: EmitContext): string {
  const graph = ctx.graphVariable(node.data.graph);
  if (node.data.dependencyMode !== 'off') return graph;
  ctx.importFrom('./runtime', 'withoutDependencies');
  return `withoutDependencies(${graph})`;
}
