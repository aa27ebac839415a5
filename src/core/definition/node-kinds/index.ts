/**
 * The node kinds of a workflow definition, one module each (schema, default data, display
 * metadata). The editor builds its palette and inspector forms from `NODE_KINDS`; the compiler
 * validates each node's data with `schema`.
 */
import { activityKind } from './activity';
import { batchLoopKind } from './batch-loop';
import { childWorkflowKind } from './child-workflow';
import { conditionKind } from './condition';
import { dependencyGraphKind } from './dependency-graph';
import { dynamicLoopKind } from './dynamic-loop';
import { endKind } from './end';
import { reportKind } from './report';
import { startKind } from './start';

export { ActivityDataSchema, activityKind, type ActivityData } from './activity';
export { BatchLoopDataSchema, batchLoopKind, type BatchLoopData } from './batch-loop';
export { ChildWorkflowDataSchema, childWorkflowKind, type ChildWorkflowData } from './child-workflow';
export {
  CONDITION_OPERATORS,
  ConditionDataSchema,
  conditionKind,
  type ConditionData,
  type ConditionOperator,
} from './condition';
export {
  DependencyGraphDataSchema,
  DependencySpecSchema,
  GraphSourceSchema,
  PackageSpecSchema,
  dependencyGraphKind,
  type DependencyGraphData,
  type GraphSource,
} from './dependency-graph';
export {
  DEFAULT_HISTORY_THRESHOLD,
  DEFAULT_RETRY_WINDOW_MS,
  DynamicLoopDataSchema,
  MAX_CONCURRENT_CHILDREN,
  dynamicLoopKind,
  type DynamicLoopData,
} from './dynamic-loop';
export { EndDataSchema, endKind, type EndData } from './end';
export { ReportDataSchema, reportKind, type ReportData } from './report';
export { StartDataSchema, startKind, type StartData } from './start';
export type { NodeCategory, NodeKindDisplay, NodeKindModule, NodePorts } from './types';

/** Every node kind, by kind, in palette order. */
export const NODE_KINDS = {
  start: startKind,
  activity: activityKind,
  childWorkflow: childWorkflowKind,
  dependencyGraph: dependencyGraphKind,
  dynamicLoop: dynamicLoopKind,
  batchLoop: batchLoopKind,
  condition: conditionKind,
  report: reportKind,
  end: endKind,
} as const;

/** A node kind name. */
export type NodeKind = keyof typeof NODE_KINDS;

/** Every node kind name, in palette order. */
export const NODE_KIND_NAMES = Object.keys(NODE_KINDS) as [NodeKind, ...NodeKind[]];

/** True for a known node kind name. */
export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(NODE_KINDS, kind);
}
