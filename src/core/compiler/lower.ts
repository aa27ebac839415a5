import type { ActivityCatalogEntry } from '../activities/types';
import type { ChildWorkflowRef, ResolvedChildWorkflow } from '../definition/common';
import type { FlowBlock } from '../definition/control-flow';
import { DEFAULT_RETRY_WINDOW_MS } from '../definition/node-kinds/dynamic-loop';
import type { NodeOf, ValidDefinition, ValidNode } from '../definition/workflow-definition';
import type { Statement, WorkflowIR } from './ir';
import { inputTypeName, taskQueueConstantName, workflowTypeName } from './naming';

/** What lowering needs besides the validated definition. */
export interface LowerContext {
  readonly definitionId: string;
  readonly version: number;
  readonly defaultTaskQueue: string;
  /** Resolves child references; validation already proved each one resolves. */
  resolveChild(ref: ChildWorkflowRef): ResolvedChildWorkflow | undefined;
  readonly activities: readonly ActivityCatalogEntry[];
}

/**
 * Lowers a validated definition and its structured control flow to the IR: one statement per
 * node, branches and parallel blocks nested, child references resolved, dynamic loops numbered as
 * continue-as-new stages in run order.
 */
export function lowerWorkflow(definition: ValidDefinition, body: FlowBlock, ctx: LowerContext): WorkflowIR {
  const nodes = new Map(definition.nodes.map((n) => [n.id, n] as const));
  let stages = 0;
  let hasLoop = false;
  let hasRetryWindow = false;
  const child = (ref: ChildWorkflowRef): ResolvedChildWorkflow => {
    const resolved = ctx.resolveChild(ref);
    if (!resolved)
      throw new Error(`unresolved child workflow reference ${JSON.stringify(ref)} after validation`);
    return resolved;
  };

  const statement = (node: ValidNode): Statement => {
    switch (node.kind) {
      case 'start':
        return { type: 'start', node };
      case 'end':
        return { type: 'end', node };
      case 'activity': {
        const activity = ctx.activities.find((a) => a.name === node.data.activity);
        if (!activity) throw new Error(`unknown activity ${node.data.activity} after validation`);
        return { type: 'activity', node, activity };
      }
      case 'childWorkflow':
        return { type: 'child-workflow', node, child: child(node.data.workflow) };
      case 'dependencyGraph':
        return { type: 'dependency-graph', node };
      case 'dynamicLoop':
        hasLoop = true;
        if (retryWindowOf(node) > 0) hasRetryWindow = true;
        return { type: 'dynamic-loop', node, child: child(node.data.child), stage: ++stages };
      case 'batchLoop':
        hasLoop = true;
        return { type: 'batch-loop', node, child: child(node.data.child) };
      case 'report':
        return { type: 'report', node };
      case 'condition':
        throw new Error('conditions are lowered from their branch step');
    }
  };

  const block = (steps: FlowBlock): Statement[] =>
    steps.map((step): Statement => {
      const node = nodes.get(step.nodeId);
      if (!node) throw new Error(`node ${step.nodeId} missing after validation`);
      if (step.type === 'node') return statement(node);
      if (step.type === 'parallel')
        return { type: 'parallel', nodeId: step.nodeId, branches: step.branches.map(block) };
      if (node.kind !== 'condition') throw new Error(`branch step on ${node.kind} node ${node.id}`);
      return { type: 'condition', node, whenTrue: block(step.whenTrue), whenFalse: block(step.whenFalse) };
    });

  const workflowType = workflowTypeName(definition.name, ctx.version);
  const lowered = block(body);
  return {
    definitionId: ctx.definitionId,
    version: ctx.version,
    name: definition.name,
    description: definition.description,
    workflowType,
    taskQueue: definition.settings.taskQueue ?? ctx.defaultTaskQueue,
    inputTypeName: inputTypeName(definition.name, ctx.version),
    taskQueueConstant: taskQueueConstantName(workflowType),
    inputs: definition.settings.inputs ?? [],
    body: lowered,
    stages,
    hasLoop,
    hasRetryWindow,
  };
}

/** The retry window of a dynamic loop in ms; none for a fail-fast loop, which fails at the first failure. */
export function retryWindowOf(node: NodeOf<'dynamicLoop'>): number {
  return node.data.failFast ? 0 : (node.data.retryWindowMs ?? DEFAULT_RETRY_WINDOW_MS);
}
