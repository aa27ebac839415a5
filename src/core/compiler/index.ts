/**
 * The compiler: workflow definitions → readable TypeScript Temporal code.
 *
 * parse (zod) → validate (diagnostics) → lower (IR) → emit (one pattern per file in patterns/) →
 * assemble (workflows.ts, shared.ts, activity-types.ts, packages.ts) → prettier. Generated code
 * imports only @temporalio/workflow, ./shared, ./activity-types (types), ./packages and ./runtime —
 * the vendored workflow runtime (src/workflow-runtime). See docs/architecture/compiler.md.
 */
export {
  compileProject,
  compileWorkflow,
  lowerProject,
  workflowIdentity,
  type ChildRef,
  type CompileOptions,
  type CompileProjectResult,
  type CompileWorkflowResult,
  type CompiledWorkflow,
  type ProjectInput,
  type ProjectWorkflow,
} from './compile';
export { formatTypeScript, PRETTIER_OPTIONS } from './format';
export type { Statement, StatementType, WorkflowIR } from './ir';
export { markerNodeId } from './patterns/markers';
export { firstLineOfNode, nodeAtLine, nodeLineRanges, type NodeLineRange } from './node-lines';
export { inputTypeName, inputTypeNameOf, taskQueueConstantName, workflowTypeName } from './naming';
export type { ChildWorkflowRef } from '../definition/common';

/** The module generated workflows import the workflow runtime from (see readRuntimeSources). */
export const RUNTIME_MODULE = './runtime';
