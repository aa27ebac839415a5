import type { IdentifierScope } from './code-writer';
import type { Statement, StatementOf, StatementType, WorkflowIR } from './ir';

/** Modules generated workflow code may import from — nothing else. */
export type ImportSource = '@temporalio/workflow' | './runtime' | './shared' | './activity-types';

/** Where an expression is evaluated: the workflow function, or a package loop's per-package code. */
export type ExpressionScope =
  | { readonly in: 'workflow' }
  | { readonly in: 'loop'; readonly packageName: string; readonly attempt: string; readonly loop: string };

/**
 * What an emitter may do besides returning the statements of its node: register imports, runtime
 * helpers and module-level declarations, name things, and turn values into expressions.
 */
export interface EmitContext {
  /** The workflow being emitted. */
  readonly workflow: WorkflowIR;
  /** Names local to the workflow function. */
  readonly locals: IdentifierScope;
  /** Module-level names of the generated workflows.ts (shared by every workflow of the project). */
  readonly module: IdentifierScope;
  /** Records an import; `typeOnly` imports are `import type`. */
  importFrom(source: ImportSource, name: string, typeOnly?: boolean): void;
  /** Includes a runtime helper (and the helpers it needs) at the bottom of workflows.ts. */
  useHelper(name: string): void;
  /** Adds a module-level declaration placed before the workflow function (e.g. activity proxies). */
  declareBefore(code: string): void;
  /** Adds a module-level declaration placed after the workflow function (e.g. a loop's function). */
  declareAfter(code: string): void;
  /** Emits a nested block of statements (branches, parallel arms). */
  emitBlock(statements: readonly Statement[]): string;
  /** The variable holding the graph of a dependencyGraph node. */
  graphVariable(nodeId: string): string;
  /** A JSON value with `$ref`s as a TypeScript expression. */
  value(value: unknown, scope: ExpressionScope): string;
  /** A reference (`$input.root`) as a TypeScript expression. */
  reference(text: string, scope: ExpressionScope): string;
}

/** An emitter: the statements of one node (with its `// node: <id>` marker), given the context. */
export type Emitter<T extends StatementType> = (statement: StatementOf<T>, ctx: EmitContext) => string;

/** A runtime helper emitted once at the bottom of workflows.ts. */
export interface HelperSource {
  readonly name: string;
  /** Helpers it calls. */
  readonly needs: readonly string[];
  /** Imports it uses. */
  readonly imports: ReadonlyArray<readonly [ImportSource, string, boolean?]>;
  /** Its TypeScript source. */
  readonly source: string;
}
