/**
 * Workflow definitions: the zod schema of the envelope and of each node kind (node-kinds/*), the
 * run-time reference syntax, and `validateDefinition`, which reports every problem as a
 * `Diagnostic` (`{ code, severity, nodeId, path, message }`, path like `nodes[3].data.maxConcurrent`).
 */
export {
  ChildInputSchema,
  ChildWorkflowRefSchema,
  DurationMsSchema,
  ParentClosePolicySchema,
  RetryPolicySchema,
  TaskQueueSchema,
  ValueSchema,
  type ChildWorkflowRef,
  type ParentClosePolicyName,
  type ResolvedChildWorkflow,
  type RetryPolicy,
} from './common';
export { analyzeControlFlow, type ControlFlow, type FlowBlock, type FlowStep } from './control-flow';
export {
  DIAGNOSTIC_CODES,
  describeIssue,
  formatPath,
  hasErrors,
  issuesToDiagnostics,
  type DefinitionPath,
  type Diagnostic,
  type DiagnosticCode,
} from './diagnostics';
export * from './node-kinds/index';
export {
  collectRefs,
  isRefObject,
  parseReference,
  usesPackage,
  type PathSegment,
  type RefObject,
  type Reference,
} from './references';
export {
  INPUT_TYPES,
  InputSpecSchema,
  RESERVED_INPUT_NAMES,
  WorkflowSettingsSchema,
  type InputSpec,
  type InputType,
  type WorkflowSettings,
} from './settings';
export { validateDefinition, type DefinitionCheck, type ValidateOptions } from './validate-definition';
export { checkRunInput, describeInputType, matchesInputType } from './validate-settings';
export {
  DEFINITION_SCHEMA_VERSION,
  DefinitionEdgeSchema,
  DefinitionNodeSchema,
  WorkflowDefinitionSchema,
  type DefinitionEdge,
  type DefinitionNode,
  type NodeDataByKind,
  type NodeOf,
  type ValidDefinition,
  type ValidNode,
  type WorkflowDefinition,
} from './workflow-definition';
