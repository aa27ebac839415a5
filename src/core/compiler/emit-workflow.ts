import type { InputSpec } from '../definition/settings';
import { docComment, indent, lines, literal, type IdentifierScope } from './code-writer';
import type { EmitContext, ExpressionScope, ImportSource } from './emitter';
import { referenceExpression, valueExpression, type ExpressionContext } from './expressions';
import type { ImportSet } from './imports';
import type { Statement, WorkflowIR } from './ir';
import { marker } from './patterns/markers';
import { emitStatement } from './patterns/registry';

/** Where emitting a workflow puts what it produces besides the function. */
export interface WorkflowModule {
  readonly scope: IdentifierScope;
  readonly imports: ImportSet;
  /** Declarations of the generated packages.ts. */
  readonly packages: string[];
  /** Shared activity proxies by options text → their declaration, placed after the imports. */
  readonly proxies: Map<string, { name: string; code: string }>;
  /** The workflows of the project, by workflow type. */
  readonly workflows: ReadonlyMap<string, WorkflowIR>;
}

/** Names the generated workflow function uses for itself. */
const FUNCTION_LOCALS = ['input', 'run', 'stage', 'error'];

/**
 * Emits one workflow: its module-level declarations and its exported function. The function opens
 * the run context (with the orchestration query and signals when it has a package loop), runs the
 * body — cut into continue-as-new stages at each dynamic loop — and returns `finishRun(run)`.
 */
export function emitWorkflow(workflow: WorkflowIR, module: WorkflowModule): string {
  const { imports } = module;
  const before: string[] = [];
  const after: string[] = [];
  const locals = module.scope.child(FUNCTION_LOCALS);
  const graphs = new Map<string, string>();
  const graphNodes = collectGraphNodes(workflow.body);
  const exprCtx: ExpressionContext = {
    inputs: workflow.inputs,
    useValueAt: () => imports.add('./runtime', 'valueAt'),
    useWorkflowApi: (name) => imports.add('@temporalio/workflow', name),
  };
  const ctx: EmitContext = {
    workflow,
    locals,
    module: module.scope,
    importFrom: (source: ImportSource, name: string, typeOnly = false) => imports.add(source, name, typeOnly),
    declareBefore: (code) => before.push(code),
    declareAfter: (code) => after.push(code),
    declarePackages: (code) => module.packages.push(code),
    activityProxy: (options, node, local = false) => {
      const proxyFunction = local ? 'proxyLocalActivities' : 'proxyActivities';
      imports.add('@temporalio/workflow', proxyFunction);
      imports.add('./activity-types', 'Activities', true);
      const declaration = (name: string): string =>
        `const ${name} = ${proxyFunction}<Activities>({ ${options.join(' ')} });`;
      if (node !== undefined) {
        const name = module.scope.name(`activities:${workflow.workflowType}:${node.id}`, `${node.id} activities`);
        before.push(lines(marker(node), declaration(name)));
        return name;
      }
      const key = options.join(' ');
      let shared = module.proxies.get(key);
      if (shared === undefined) {
        const name = module.scope.name(`activities:${key}`, 'activities');
        module.proxies.set(key, (shared = { name, code: declaration(name) }));
      }
      return shared.name;
    },
    emitBlock: (statements) =>
      statements
        .map((s) => emitStatement(s, ctx))
        .filter((code) => code !== '')
        .join('\n'),
    graphVariable: (nodeId) => {
      let name = graphs.get(nodeId);
      if (name === undefined) {
        name = locals.name(`graph:${nodeId}`, /graph$/i.test(nodeId) ? nodeId : `${nodeId} graph`);
        graphs.set(nodeId, name);
      }
      return name;
    },
    // A graph built at the top level of a workflow without stages is a plain const where it is built.
    graphDeclaration: workflow.stages === 0 && graphNodes.every((g) => g.topLevel) ? 'const' : 'let',
    projectWorkflow: (type) => module.workflows.get(type),
    value: (value: unknown, scope: ExpressionScope) => valueExpression(value, scope, exprCtx),
    reference: (text: string, scope: ExpressionScope) => referenceExpression(text, scope, exprCtx),
  };

  imports.add('./shared', workflow.inputTypeName, true);
  imports.add('./runtime', 'RunResult', true);
  imports.add('./runtime', 'finishRun');
  for (const { id } of graphNodes) ctx.graphVariable(id);
  const body = emitBody(workflow, ctx);
  const letGraphs = ctx.graphDeclaration === 'let' ? graphNodes.map(({ id }) => ctx.graphVariable(id)) : [];
  if (letGraphs.length > 0) imports.add('./runtime', 'DependencyGraph', true);

  const optional = workflow.inputs.every((i) => !i.required);
  const fn = lines(
    docComment([
      `${workflow.name} — definition ${JSON.stringify(workflow.definitionId)}, version ${workflow.version}.`,
      workflow.description,
    ]),
    `export async function ${workflow.workflowType}(input: ${workflow.inputTypeName}${optional ? ' = {}' : ''}): Promise<RunResult> {`,
    indent(openRunLines(workflow, ctx)),
    workflow.stages > 0 && '  // Where this run starts: 0, or the dynamic loop a continue-as-new resumes.',
    workflow.stages > 0 && '  const stage = input.resume?.stage ?? 0;',
    letGraphs.length > 0 && `  let ${letGraphs.map((g) => `${g}: DependencyGraph | undefined`).join(', ')};`,
    '',
    indent(body),
    '',
    '  return finishRun(run);',
    '}',
  );
  return lines(...before, ...(before.length > 0 ? [''] : []), fn, ...after.flatMap((d) => ['', d]));
}

/** `const run = …` and, for a workflow with a package loop, its query and signal handlers. */
function openRunLines(workflow: WorkflowIR, ctx: EmitContext): string {
  if (!workflow.hasLoop) {
    ctx.importFrom('./runtime', 'openRun');
    return 'const run = openRun(input);';
  }
  ctx.importFrom('@temporalio/workflow', 'setHandler');
  for (const name of ['openOrchestratedRun', 'getOrchestrationStateQuery', 'describeRun'])
    ctx.importFrom('./runtime', name);
  if (workflow.hasRetryWindow) {
    ctx.importFrom('./runtime', 'retryFailedSignal');
    ctx.importFrom('./runtime', 'requestRetry');
    ctx.importFrom('./runtime', 'finishSignal');
  }
  return lines(
    `const run = openOrchestratedRun(${literal(workflow.workflowType)}, input);`,
    'setHandler(getOrchestrationStateQuery, () => describeRun(run));',
    workflow.hasRetryWindow && 'setHandler(retryFailedSignal, (request) => requestRetry(run, request));',
    workflow.hasRetryWindow && 'setHandler(finishSignal, () => void (run.finishRequested = true));',
  );
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
    .filter((segment) => segment.some((s) => s.type !== 'start' && s.type !== 'end'))
    .map((segment) => {
      const k = segment[0]?.type === 'dynamic-loop' ? segment[0].stage : 0;
      return lines(k === 0 ? 'if (stage === 0) {' : `if (stage <= ${k}) {`, indent(ctx.emitBlock(segment)), '}');
    })
    .join('\n\n');
}

/** The dependencyGraph nodes, in run order, and whether each is a statement of the top-level sequence. */
function collectGraphNodes(statements: readonly Statement[]): Array<{ id: string; topLevel: boolean }> {
  const found: Array<{ id: string; topLevel: boolean }> = [];
  const visit = (list: readonly Statement[], topLevel: boolean): void => {
    for (const s of list) {
      if (s.type === 'dependency-graph') found.push({ id: s.node.id, topLevel });
      else if (s.type === 'condition') {
        visit(s.whenTrue, false);
        visit(s.whenFalse, false);
      } else if (s.type === 'parallel') s.branches.forEach((b) => visit(b, false));
    }
  };
  visit(statements, true);
  return found;
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
    case 'strings':
      return 'string[]';
    case 'record':
      return 'Record<string, string>';
    case 'packages':
      return 'PackageSpec[]';
    case 'json':
      return 'unknown';
  }
}
