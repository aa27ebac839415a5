import type { Diagnostic } from '../../core/ipc/contract';

/**
 * The compiler's project entry point as the runtime uses it: structurally the same as
 * `compileProject` of src/core/compiler (kept as a type here so tests can inject a fixture
 * compiler and the runtime does not depend on the compiler's internals).
 */
export interface ChildRefLike {
  definitionId?: string;
  version?: number;
  workflowType?: string;
}
export interface ResolvedChild {
  workflowType: string;
  taskQueue: string;
}
export interface ProjectInput {
  definition: unknown;
  definitionId: string;
  version: number;
}
export interface ProjectCompileOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the compiler's ref type is narrower; any keeps both assignable
  resolveChild(ref: any): ResolvedChild | undefined;
  defaultTaskQueue: string;
}
export interface CompiledProjectWorkflow {
  workflowType: string;
  taskQueue: string;
  definitionId: string;
  version: number;
}
export type CompileProjectResult =
  | {
      ok: true;
      files: Record<string, string>;
      workflows: CompiledProjectWorkflow[];
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };
export type ProjectCompiler = (
  inputs: ProjectInput[],
  options: ProjectCompileOptions,
) => CompileProjectResult | Promise<CompileProjectResult>;
/**
 * The workflow type and task queue a definition version compiles to, without compiling it
 * (`workflowIdentity` of src/core/compiler): resolveChild must answer synchronously.
 */
export type WorkflowIdentity = (
  definition: unknown,
  options: { version: number; defaultTaskQueue: string },
) => ResolvedChild | undefined;

/** What the runtime needs of the compiler to build projects. */
export interface ProjectCompilerBinding {
  compileProject: ProjectCompiler;
  workflowIdentity: WorkflowIdentity;
}

/** One line per error diagnostic, for messages. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], limit = 5): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = errors
    .slice(0, limit)
    .map((d) => `${d.nodeId ? `[${d.nodeId}] ` : ''}${d.path ? `${d.path}: ` : ''}${d.message} (${d.code})`);
  if (errors.length > limit) shown.push(`… and ${errors.length - limit} more`);
  return shown.join('; ');
}

/** `compileWorkflow` of src/core/compiler, structurally. */
export type CompileWorkflowResult =
  | {
      ok: true;
      value: {
        workflowType: string;
        taskQueue: string;
        files: Record<string, string>;
        diagnostics: Diagnostic[];
      };
    }
  | { ok: false; diagnostics: Diagnostic[] };
export type WorkflowCompiler = (
  definition: unknown,
  options: ProjectCompileOptions & { definitionId: string; version: number },
) => CompileWorkflowResult | Promise<CompileWorkflowResult>;

/** The compiler's entry points (injected so a build or a test can run without the real compiler). */
export interface CompilerBinding extends ProjectCompilerBinding {
  compileWorkflow: WorkflowCompiler;
}
