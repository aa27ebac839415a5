import type { ResolvedChildWorkflow } from '../../definition/common';
import { literal } from '../code-writer';
import type { EmitContext } from '../emitter';

/**
 * How a parent names its child: the child's workflow function when it is compiled into the same
 * project (`startChild(PackageBuild_v1, …)`, so tsc checks the child's arguments) and its task
 * queue constant from shared.ts; the workflow type and the queue as strings otherwise.
 */
export function childTarget(
  child: ResolvedChildWorkflow,
  taskQueueOverride: string | undefined,
  ctx: EmitContext,
): { workflow: string; taskQueue: string; inputType: string | undefined } {
  const local = ctx.projectWorkflow(child.workflowType);
  const taskQueue = taskQueueOverride ?? child.taskQueue;
  if (local === undefined)
    return { workflow: literal(child.workflowType), taskQueue: literal(taskQueue), inputType: undefined };
  ctx.importFrom('./shared', local.inputTypeName, true);
  const target = { workflow: local.workflowType, inputType: local.inputTypeName };
  if (taskQueue !== local.taskQueue) return { ...target, taskQueue: literal(taskQueue) };
  ctx.importFrom('./shared', local.taskQueueConstant);
  return { ...target, taskQueue: local.taskQueueConstant };
}

/**
 * The child's arguments: `[{ … }]`, or — for a child of the same project — `[input]` after
 * `const input: ChildInput = { … };`, so values read from data (`valueAt`) take the type of the
 * child's input fields (inference does not reach through startChild's overloads).
 */
export function childArgs(
  fields: readonly string[],
  inputType: string | undefined,
  variable: string,
): { declare: string | undefined; args: string } {
  const object = `{ ${fields.join(' ')} }`;
  if (inputType === undefined) return { declare: undefined, args: `[${object}]` };
  return { declare: `const ${variable}: ${inputType} = ${object};`, args: `[${variable}]` };
}
