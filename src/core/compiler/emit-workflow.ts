import type { InputSpec } from '../definition/settings';
import { commentText, indent, lines, literal, type IdentifierScope } from './code-writer';
import type { EmitContext, ExpressionScope, ImportSource } from './emitter';
import { referenceExpression, valueExpression, type ExpressionContext } from './expressions';
import type { ImportSet } from './imports';
import type { Statement, WorkflowIR } from './ir';
import { emitStateHandlers } from './patterns/orchestration-state';
import { emitStatement } from './patterns/registry';

/** What emitting one workflow produces for the module. */
export interface EmittedWorkflow {
  /** Declarations before the function, the function, declarations after it. */
  readonly code: string;
}

/** Names the generated workflow function uses for itself. */
const FUNCTION_LOCALS = ['input', 'run', 'stage', 'error'];

/**
 * Emits one workflow: its module-level declarations and its exported function. The function opens
 * the run context, registers the query (and the retry signals), runs the body — cut into
 * continue-as-new stages at each dynamic loop — and returns `finishRun(run)`.
 */
export function emitWorkflow(
  workflow: WorkflowIR,
  module: IdentifierScope,
  imports: ImportSet,
  helpers: Set<string>,
): EmittedWorkflow {
  const before: string[] = [];
  const after: string[] = [];
  const locals = module.child(FUNCTION_LOCALS);
  const graphs = new Map<string, string>();
  const exprCtx: ExpressionContext = {
    inputs: workflow.inputs,
    useValueAt: () => helpers.add('valueAt'),
    useWorkflowApi: (name) => imports.add('@temporalio/workflow', name),
  };
  const ctx: EmitContext = {
    workflow,
    locals,
    module,
    importFrom: (source: ImportSource, name: string, typeOnly = false) => imports.add(source, name, typeOnly),
    useHelper: (name) => helpers.add(name),
    declareBefore: (code) => before.push(code),
    declareAfter: (code) => after.push(code),
    emitBlock: (statements) => statements.map((s) => emitStatement(s, ctx)).join('\n'),
    graphVariable: (nodeId) => {
      let name = graphs.get(nodeId);
      if (name === undefined) {
        name = locals.name(`graph:${nodeId}`, /graph$/i.test(nodeId) ? nodeId : `${nodeId} graph`);
        graphs.set(nodeId, name);
      }
      return name;
    },
    value: (value: unknown, scope: ExpressionScope) => valueExpression(value, scope, exprCtx),
    reference: (text: string, scope: ExpressionScope) => referenceExpression(text, scope, exprCtx),
  };

  imports.add('./shared', workflow.inputTypeName, true);
  imports.add('./shared', 'RunResult', true);
  helpers.add('openRun');
  helpers.add('finishRun');
  const handlers = emitStateHandlers(ctx);
  const graphNodes = collectGraphNodes(workflow.body);
  for (const id of graphNodes) ctx.graphVariable(id);
  const body = emitBody(workflow, ctx);
  if (graphNodes.length > 0) imports.add('./runtime', 'DependencyGraph');

  const optional = workflow.inputs.every((i) => !i.required);
  const doc = [
    '/**',
    ` * ${commentText(workflow.name)} — definition ${commentText(JSON.stringify(workflow.definitionId))}, version ${workflow.version}.`,
    workflow.description !== undefined && ` * ${commentText(workflow.description)}`,
    ' */',
  ];
  const fn = lines(
    ...doc,
    `export async function ${workflow.workflowType}(input: ${workflow.inputTypeName}${optional ? ' = {}' : ''}): Promise<RunResult> {`,
    `  const run = openRun(${literal(workflow.workflowType)}, input);`,
    indent(handlers),
    workflow.stages > 0 && '  // Where this run starts: 0, or the dynamic loop a continue-as-new resumes.',
    workflow.stages > 0 && '  const stage = input.resume?.stage ?? 0;',
    ...graphNodes.map(
      (id) =>
        `  let ${ctx.graphVariable(id)} = new DependencyGraph(); // filled by node ${commentText(JSON.stringify(id))}`,
    ),
    '',
    indent(body),
    '',
    '  return finishRun(run);',
    '}',
  );
  const banner = `// ─── ${commentText(workflow.name)} (${workflow.workflowType}) ${'─'.repeat(Math.max(4, 80 - workflow.name.length))}`;
  return { code: lines(banner, '', ...before.flatMap((d) => [d, '']), fn, ...after.flatMap((d) => ['', d])) };
}

/** The body, cut into stages: stage k starts at the k-th dynamic loop and is skipped when resuming past it. */
function emitBody(workflow: WorkflowIR, ctx: EmitContext): string {
  if (workflow.stages === 0) return ctx.emitBlock(workflow.body);
  const segments: Statement[][] = [[]];
  for (const statement of workflow.body) {
    if (statement.type === 'dynamic-loop') segments.push([]);
    segments[segments.length - 1]!.push(statement);
  }
  return segments
    .map((segment, k) =>
      lines(k === 0 ? 'if (stage === 0) {' : `if (stage <= ${k}) {`, indent(ctx.emitBlock(segment)), '}'),
    )
    .join('\n\n');
}

/** Ids of the dependencyGraph nodes, in run order. */
function collectGraphNodes(statements: readonly Statement[]): string[] {
  const ids: string[] = [];
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.type === 'dependency-graph') ids.push(s.node.id);
      else if (s.type === 'condition') {
        visit(s.whenTrue);
        visit(s.whenFalse);
      } else if (s.type === 'parallel') s.branches.forEach(visit);
    }
  };
  visit(statements);
  return ids;
}

/** The TypeScript type of a run input. */
export function inputTypeOf(spec: InputSpec): string {
  switch (spec.type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'packages':
      return 'PackageSpec[]';
    case 'json':
      return 'unknown';
  }
}
