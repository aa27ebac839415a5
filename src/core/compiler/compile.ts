import { ACTIVITY_CATALOG } from '../activities/catalog';
import type { ActivityCatalogEntry } from '../activities/types';
import type { ChildWorkflowRef, ResolvedChildWorkflow } from '../definition/common';
import { DIAGNOSTIC_CODES, hasErrors, type Diagnostic } from '../definition/diagnostics';
import { validateDefinition } from '../definition/validate-definition';
import { DefinitionEnvelopeSchema } from '../definition/workflow-definition';
import { assembleProject } from './assemble';
import { formatTypeScript } from './format';
import type { WorkflowIR } from './ir';
import { lowerWorkflow } from './lower';
import { workflowTypeName } from './naming';

/** What a parent needs to start a child workflow. */
export type ChildRef = ResolvedChildWorkflow;

/** Options of `compileWorkflow`. */
export interface CompileOptions {
  /** Id of the stored definition (comments, ids). */
  definitionId: string;
  /** Version of the definition → workflow type `${PascalName}_v${version}`, e.g. PackageBuild_v3. */
  version: number;
  /** Resolves childWorkflow / dynamicLoop / batchLoop child references. */
  resolveChild(ref: ChildWorkflowRef): ChildRef | undefined;
  /** Task queue of definitions that do not set one: 'workflow-builder'. */
  defaultTaskQueue: string;
  /** Built-in activities. @default ACTIVITY_CATALOG */
  activities?: readonly ActivityCatalogEntry[];
}

/** A compiled definition. */
export interface CompiledWorkflow {
  workflowType: string;
  taskQueue: string;
  /** Files of the generated project, relative to its src/: 'workflows.ts', 'shared.ts', 'activity-types.ts'. */
  files: Record<string, string>;
  /** Warnings (a successful compile has no errors). */
  diagnostics: Diagnostic[];
}

/** One definition of a project. */
export interface ProjectInput {
  definition: unknown;
  definitionId: string;
  version: number;
}

/** A workflow of a compiled project. */
export interface ProjectWorkflow {
  workflowType: string;
  taskQueue: string;
  definitionId: string;
  version: number;
}

/** Result of `compileProject`. */
export type CompileProjectResult =
  | { ok: true; files: Record<string, string>; workflows: ProjectWorkflow[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Result of `compileWorkflow`. */
export type CompileWorkflowResult =
  { ok: true; value: CompiledWorkflow } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Compiles one definition: parse → validate → lower → emit (one pattern per node kind) →
 * assemble → prettier. Deterministic: the same definition and options give the same files.
 */
export async function compileWorkflow(
  definition: unknown,
  options: CompileOptions,
): Promise<CompileWorkflowResult> {
  const { definitionId, version, ...rest } = options;
  const result = await compileProject([{ definition, definitionId, version }], rest);
  if (!result.ok) return result;
  const [workflow] = result.workflows;
  if (!workflow) throw new Error('compileProject returned no workflow');
  return {
    ok: true,
    value: {
      workflowType: workflow.workflowType,
      taskQueue: workflow.taskQueue,
      files: result.files,
      diagnostics: result.diagnostics,
    },
  };
}

/**
 * Compiles several definitions into ONE project (a task queue's bundle holds every version that
 * has open runs). Diagnostics of a project with several definitions are prefixed with the
 * definition they belong to. Fails if any definition has an error or two compile to one workflow type.
 */
export async function compileProject(
  inputs: readonly ProjectInput[],
  options: Omit<CompileOptions, 'definitionId' | 'version'>,
): Promise<CompileProjectResult> {
  const lowered = lowerProject(inputs, options);
  if (!lowered.ok) return lowered;
  const files = assembleProject(lowered.workflows, options.activities);
  const formatted: Record<string, string> = {};
  try {
    for (const [name, code] of Object.entries(files)) formatted[name] = await formatTypeScript(code);
  } catch (cause) {
    const message = `The generated code could not be formatted: ${(cause as Error).message}`;
    return {
      ok: false,
      diagnostics: [
        ...lowered.diagnostics,
        { code: DIAGNOSTIC_CODES.FORMAT_FAILED, severity: 'error', path: '', message },
      ],
    };
  }
  return {
    ok: true,
    files: formatted,
    workflows: lowered.workflows.map((w) => ({
      workflowType: w.workflowType,
      taskQueue: w.taskQueue,
      definitionId: w.definitionId,
      version: w.version,
    })),
    diagnostics: lowered.diagnostics,
  };
}

/** The synchronous part of `compileProject`: validation and lowering of every input. */
export function lowerProject(
  inputs: readonly ProjectInput[],
  options: Omit<CompileOptions, 'definitionId' | 'version'>,
):
  | { ok: true; workflows: WorkflowIR[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] } {
  const activities = options.activities ?? ACTIVITY_CATALOG;
  const diagnostics: Diagnostic[] = [];
  const workflows: WorkflowIR[] = [];
  const owner = new Map<string, ProjectInput>();
  for (const input of inputs) {
    const prefix = inputs.length > 1 ? `Definition "${input.definitionId}" v${input.version}: ` : '';
    const check = validateDefinition(input.definition, { resolveChild: options.resolveChild, activities });
    diagnostics.push(...check.diagnostics.map((d) => (prefix ? { ...d, message: prefix + d.message } : d)));
    if (!check.definition || !check.body) continue;
    const workflow = lowerWorkflow(check.definition, check.body, {
      definitionId: input.definitionId,
      version: input.version,
      defaultTaskQueue: options.defaultTaskQueue,
      resolveChild: options.resolveChild,
      activities,
    });
    const other = owner.get(workflow.workflowType);
    if (other) {
      diagnostics.push({
        code: DIAGNOSTIC_CODES.DUPLICATE_WORKFLOW_TYPE,
        severity: 'error',
        path: 'name',
        message: `${prefix}Definitions "${other.definitionId}" and "${input.definitionId}" both compile to workflow type ${workflow.workflowType}: rename one`,
      });
      continue;
    }
    owner.set(workflow.workflowType, input);
    workflows.push(workflow);
  }
  if (hasErrors(diagnostics) || workflows.length === 0) {
    return { ok: false, diagnostics: hasErrors(diagnostics) ? diagnostics : [...diagnostics, noInput()] };
  }
  return { ok: true, workflows, diagnostics };
}

function noInput(): Diagnostic {
  return {
    code: DIAGNOSTIC_CODES.INVALID_FIELD,
    severity: 'error',
    path: '',
    message: 'Nothing to compile: no definition was given',
  };
}

/**
 * The workflow type and task queue a definition compiles to, without compiling it (for
 * `resolveChild`, which must answer synchronously). Undefined when the envelope does not parse.
 */
export function workflowIdentity(
  definition: unknown,
  options: { version: number; defaultTaskQueue: string },
): ChildRef | undefined {
  const parsed = DefinitionEnvelopeSchema.safeParse(definition);
  if (!parsed.success) return undefined;
  return {
    workflowType: workflowTypeName(parsed.data.name, options.version),
    taskQueue: parsed.data.settings.taskQueue ?? options.defaultTaskQueue,
  };
}
