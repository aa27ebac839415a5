import type { IdentifierScope } from './code-writer';
import type { Statement, StatementOf, StatementType, WorkflowIR } from './ir';

/** Modules generated workflow code may import from — nothing else. */
export type ImportSource =
  '@temporalio/workflow' | './activity-types' | './packages' | './runtime' | './shared';

/** Where an expression is evaluated: the workflow function, or a package loop's per-package code. */
export type ExpressionScope =
  | { readonly in: 'workflow' }
  | { readonly in: 'loop'; readonly packageName: string; readonly attempt: string; readonly loop: string };

/**
 * What an emitter may do besides returning the statements of its node: register imports and
 * module-level declarations, name things, and turn values into expressions.
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
  /** Adds a module-level declaration placed before the workflow function (e.g. activity proxies). */
  declareBefore(code: string): void;
  /** Adds a module-level declaration placed after the workflow function (e.g. a loop's function). */
  declareAfter(code: string): void;
  /**
   * The `proxyActivities<Activities>` constant with these options (`startToCloseTimeout: '1m',` …):
   * one shared, module-level proxy per distinct set of catalog defaults, or — for a node that sets
   * its own timeouts or retry policy (`node`) — the node's own, declared before its workflow.
   * `local` makes it a `proxyLocalActivities` (always the node's own).
   */
  activityProxy(
    options: readonly string[],
    node?: { id: string; label?: string | undefined },
    local?: boolean,
  ): string;
  /** Adds an exported declaration to the generated packages.ts (inline package lists). */
  declarePackages(code: string): void;
  /** Emits a nested block of statements (branches, parallel arms). */
  emitBlock(statements: readonly Statement[]): string;
  /** The variable holding the graph of a dependencyGraph node. */
  graphVariable(nodeId: string): string;
  /** How graph variables are declared: `const` where they are built, or `let` at the top of the function. */
  readonly graphDeclaration: 'const' | 'let';
  /**
   * The function of a workflow type compiled into the same project (children are then started by
   * function reference, so tsc checks their arguments), or undefined for another project's type.
   */
  projectWorkflow(workflowType: string): WorkflowIR | undefined;
  /** A JSON value with `$ref`s as a TypeScript expression. */
  value(value: unknown, scope: ExpressionScope): string;
  /** A reference (`$input.root`) as a TypeScript expression. */
  reference(text: string, scope: ExpressionScope): string;
}

/** An emitter: the statements of one node (with its `// node: <id>` marker), given the context. */
export type Emitter<T extends StatementType> = (statement: StatementOf<T>, ctx: EmitContext) => string;
