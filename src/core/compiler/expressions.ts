import { isRefObject, parseReference, type PathSegment } from '../definition/references';
import type { InputSpec } from '../definition/settings';
import { literal, member, propertyKey } from './code-writer';
import type { ExpressionScope } from './emitter';

/** What reference expressions need to know. */
export interface ExpressionContext {
  readonly inputs: readonly InputSpec[];
  /** Records that the `valueAt` helper is used. */
  useValueAt(): void;
  /** Records an import of `@temporalio/workflow`. */
  useWorkflowApi(name: string): void;
}

/**
 * A reference as a TypeScript expression. Inputs are typed (`input.root`, with `?? <default>`);
 * a path into data goes through `valueAt`, whose return type is taken from where the value goes;
 * node results are JSON data typed where they are used (`run.results.hello`).
 */
export function referenceExpression(text: string, scope: ExpressionScope, ctx: ExpressionContext): string {
  const ref = parseReference(text);
  if ('error' in ref) throw new Error(`invalid reference after validation: ${ref.error}`);
  const inputRoot = scope.in === 'loop' ? 'run.input' : 'input';
  switch (ref.kind) {
    case 'input': {
      if (ref.name === undefined) {
        const fields = ctx.inputs.map(
          (i) => `${propertyKey(i.name)}: ${withPath(inputExpression(inputRoot, i), [], scope, ctx, i.type === 'json')}`,
        );
        return `{ ${fields.join(', ')} }`;
      }
      const spec = ctx.inputs.find((i) => i.name === ref.name);
      const base = spec ? inputExpression(inputRoot, spec) : `${inputRoot}${member(ref.name)}`;
      return withPath(base, ref.path, scope, ctx, spec?.type === 'json');
    }
    case 'result':
      return withPath(`run.results${member(ref.nodeId)}`, ref.path, scope, ctx);
    case 'error':
      return `run.errors${member(ref.nodeId)}`;
    case 'workflow':
      ctx.useWorkflowApi('workflowInfo');
      return `workflowInfo().${ref.field === 'id' ? 'workflowId' : ref.field === 'runId' ? 'runId' : 'workflowType'}`;
    case 'package':
      if (scope.in !== 'loop') throw new Error('$package outside a loop after validation');
      if (ref.field === 'name') return scope.packageName;
      if (ref.field === 'attempt') return scope.attempt;
      if (ref.field === 'expectedDurationMs') return `${scope.loop}.expectedDurationMs(${scope.packageName})`;
      return `${scope.loop}.graph.getNode(${scope.packageName})?.estimatedDurationMs`;
  }
}

function inputExpression(root: string, spec: InputSpec): string {
  const access = `${root}${member(spec.name)}`;
  return spec.default === undefined ? access : `(${access} ?? ${literal(spec.default)})`;
}

/**
 * `base` read at `path`. A whole `json` input (`untyped`) is `unknown` in shared.ts: it is cast
 * where it goes, as a path read through `valueAt` is.
 */
function withPath(
  base: string,
  path: readonly PathSegment[],
  scope: ExpressionScope,
  ctx: ExpressionContext,
  untyped = false,
): string {
  if (path.length === 0) return untyped ? `(${base} as never)` : base;
  ctx.useValueAt();
  const keys = path.map((segment) => {
    if (typeof segment === 'string') return literal(segment);
    if (scope.in !== 'loop') throw new Error('$package segment outside a loop after validation');
    return scope.packageName;
  });
  return `valueAt(${[base, ...keys].join(', ')})`;
}

/** A JSON value whose `{ "$ref" }` objects become expressions. */
export function valueExpression(value: unknown, scope: ExpressionScope, ctx: ExpressionContext): string {
  if (isRefObject(value)) return referenceExpression(value.$ref, scope, ctx);
  if (Array.isArray(value)) return `[${value.map((v) => valueExpression(v, scope, ctx)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `${propertyKey(k)}: ${valueExpression(v, scope, ctx)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return literal(value);
}
