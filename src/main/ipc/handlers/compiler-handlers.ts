import type { StoredDefinition } from '../../../core/ipc';
import type { Store } from '../../store';
import type { ChildRefLike, ResolvedChild, WorkflowCompiler } from '../../workflow-runtime/compiler-port';
import type { Handlers } from '../dispatcher';

export interface CompilerHandlersDeps {
  store: Pick<Store, 'definitions'>;
  /** The compiler (src/core/compiler compileWorkflow). */
  compileWorkflow: WorkflowCompiler;
  /** Child refs → workflow type and task queue (the WorkflowRegistry's resolver). */
  resolveChild: (ref: ChildRefLike) => ResolvedChild | undefined;
  defaultTaskQueue: string;
}

/** An unsaved definition compiles under this id (used only in generated comments and ids). */
export const DRAFT_DEFINITION_ID = 'draft';

/**
 * compiler.compile: the generated workflows.ts and the diagnostics, both as data. A definition
 * that does not compile answers `{code: null, diagnostics}` (not an error): the canvas shows them.
 */
export function createCompilerHandlers(deps: CompilerHandlersDeps): Pick<Handlers, 'compiler.compile'> {
  return {
    'compiler.compile': async (request) => {
      const target: Pick<StoredDefinition, 'id' | 'version' | 'definition'> =
        'definitionId' in request
          ? deps.store.definitions.get(request.definitionId, request.version)
          : { id: DRAFT_DEFINITION_ID, version: 1, definition: request.definition };
      const result = await deps.compileWorkflow(target.definition, {
        definitionId: target.id,
        version: target.version,
        defaultTaskQueue: deps.defaultTaskQueue,
        resolveChild: deps.resolveChild,
      });
      if (!result.ok) return { code: null, diagnostics: result.diagnostics };
      return { code: result.value.files['workflows.ts'] ?? null, diagnostics: result.value.diagnostics };
    },
  };
}
