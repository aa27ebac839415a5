import type { ResolvedChildWorkflow } from '../../definition/common';
import type { Remediation } from '../../definition/node-kinds/dynamic-loop';
import type { NodeOf } from '../../definition/workflow-definition';
import { commentText, durationLiteral, lines, literal, propertyKey } from '../code-writer';
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

/**
 * `const startPackage: StartPackage = (name, child) => startChild(…);` — one package's child. With
 * remediation, also `const remediate: RemediatePackage = (name, child) => executeChild(…);`: the
 * same child with the allowed command and no scripts; both take their input from `packageInput`.
 */
export function emitStartPackage(
  node: LoopNode,
  child: ResolvedChildWorkflow,
  ctx: EmitContext,
  remediation?: Remediation,
): string {
  ctx.importFrom('@temporalio/workflow', 'startChild');
  ctx.importFrom('@temporalio/workflow', 'workflowInfo');
  ctx.importFrom('./runtime', 'StartPackage', true);
  const target = childTarget(child, node.data.taskQueue, ctx);
  const fieldsWith = (attempt: string): string[] => {
    const scope = { in: 'loop', packageName: 'name', attempt, loop: 'loop' } as const;
    return [
      'runId: workflowInfo().workflowId,',
      'packageName: name,',
      attempt === 'attempt' ? 'attempt,' : `attempt: ${attempt},`,
      ...Object.entries(node.data.childInput ?? {}).map(
        ([key, value]) => `${propertyKey(key)}: ${ctx.value(value, scope)},`,
      ),
    ];
  };
  const timeout = node.data.childExecutionTimeoutMs;
  const call = (fn: string, args: string): string =>
    lines(
      `${fn}(${target.workflow}, {`,
      `  workflowId: child.workflowId,`,
      `  taskQueue: ${target.taskQueue},`,
      `  args: ${args},`,
      timeout !== undefined && `  workflowExecutionTimeout: ${durationLiteral(timeout)},`,
      `})`,
    );
  if (remediation !== undefined) {
    ctx.importFrom('@temporalio/workflow', 'executeChild');
    ctx.importFrom('./runtime', 'RemediatePackage', true);
    const command = literal(remediation.command);
    const returns = target.inputType === undefined ? '' : `: ${target.inputType}`;
    return lines(
      `const packageInput = (name: string, attempt: number)${returns} => ({ ${fieldsWith('attempt').join(' ')} });`,
      'const startPackage: StartPackage = (name, child) =>',
      `${call('startChild', '[packageInput(name, child.attempt)]')};`,
      `// Remediation: after a failed build, the allowed command "${commentText(remediation.command)}" runs in the`,
      '// package folder (the same child, without scripts), then the package is built once more.',
      'const remediate: RemediatePackage = (name, child) =>',
      `${call('executeChild', `[{ ...packageInput(name, child.attempt), scripts: [], command: ${command} }]`)};`,
    );
  }
  const { declare, args } = childArgs(fieldsWith('child.attempt'), target.inputType, 'input');
  const start = call('startChild', args);
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
