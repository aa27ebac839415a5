/**
 * References to values known only at run time, used by activity args, child inputs and
 * conditions. The grammar is small on purpose, and the compiler turns every reference into a plain
 * TypeScript expression (`input.root`, `valueAt(run.results['fetch'], 'items')`): nothing
 * interprets references at run time.
 *
 * - `$input` — the run's declared inputs as one object; `$input.<name>[.<field>…]`
 * - `$result.<nodeId>[.<field>…]` — what an earlier node produced
 * - `$error.<nodeId>` — the error message of an earlier node that continued on failure
 * - `$workflow.id` | `$workflow.runId` | `$workflow.type`
 * - in a loop's child input only: `$package.name` | `$package.estimatedDurationMs` (the graph's declared
 *   estimate) | `$package.expectedDurationMs` (the run's estimate: earlier builds' times, else the declared
 *   one; undefined when neither is known) | `$package.attempt`,
 *   and the path segment `$package` (the package's name) inside another reference:
 *   `$input.failures.$package` reads `input.failures[<package name>]`
 */

/** One step of a reference's path: a field name, or the current package's name. */
export type PathSegment = string | { readonly package: true };

/** A parsed reference. */
export type Reference =
  | { readonly kind: 'input'; readonly name: string | undefined; readonly path: readonly PathSegment[] }
  | { readonly kind: 'result'; readonly nodeId: string; readonly path: readonly PathSegment[] }
  | { readonly kind: 'error'; readonly nodeId: string }
  | { readonly kind: 'workflow'; readonly field: 'id' | 'runId' | 'type' }
  | { readonly kind: 'package'; readonly field: (typeof PACKAGE_FIELDS)[number] };

/** A reference in a JSON value: an object with exactly one key, `$ref`. */
export interface RefObject {
  readonly $ref: string;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const WORKFLOW_FIELDS = ['id', 'runId', 'type'] as const;
const PACKAGE_FIELDS = ['name', 'estimatedDurationMs', 'expectedDurationMs', 'attempt'] as const;

/** True for `{ "$ref": "…" }` (exactly that one key, a string value). */
export function isRefObject(value: unknown): value is RefObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$ref' && typeof (value as RefObject).$ref === 'string';
}

/** Parses a reference; `{ error }` says what is wrong in words a user can act on. */
export function parseReference(text: string): Reference | { error: string } {
  const parts = text.split('.');
  const [head, ...rest] = parts;
  const path: PathSegment[] = [];
  for (const part of rest) {
    if (part === '$package') path.push({ package: true });
    else if (SEGMENT.test(part)) path.push(part);
    else return { error: `"${text}": "${part}" is not a valid field name` };
  }
  const named = (what: string): string | { error: string } => {
    const first = path[0];
    if (typeof first !== 'string') return { error: `"${text}": ${head} needs a ${what} after the dot` };
    return first;
  };
  switch (head) {
    case '$input': {
      if (path.length === 0) return { kind: 'input', name: undefined, path: [] };
      const name = named('input name');
      return typeof name === 'string' ? { kind: 'input', name, path: path.slice(1) } : name;
    }
    case '$result': {
      const nodeId = named('node id');
      return typeof nodeId === 'string' ? { kind: 'result', nodeId, path: path.slice(1) } : nodeId;
    }
    case '$error': {
      const nodeId = named('node id');
      if (typeof nodeId !== 'string') return nodeId;
      if (path.length > 1) return { error: `"${text}": $error.<node> has no fields` };
      return { kind: 'error', nodeId };
    }
    case '$workflow': {
      const field = WORKFLOW_FIELDS.find((f) => path.length === 1 && path[0] === f);
      return field
        ? { kind: 'workflow', field }
        : { error: `"${text}": expected $workflow.id, $workflow.runId or $workflow.type` };
    }
    case '$package': {
      const field = PACKAGE_FIELDS.find((f) => path.length === 1 && path[0] === f);
      return field
        ? { kind: 'package', field }
        : { error: `"${text}": expected $package.name, $package.estimatedDurationMs, $package.expectedDurationMs or $package.attempt` };
    }
    default:
      return { error: `"${text}": a reference starts with $input, $result, $error, $workflow or $package` };
  }
}

/** True when the reference (or one of its path segments) needs a current package. */
export function usesPackage(ref: Reference): boolean {
  if (ref.kind === 'package') return true;
  if (ref.kind === 'input' || ref.kind === 'result') return ref.path.some((s) => typeof s !== 'string');
  return false;
}

/**
 * Every `$ref` inside a JSON value, with its location as a path of keys and indices (for
 * diagnostics, and to ignore schema errors at a reference's place).
 */
export function collectRefs(
  value: unknown,
  at: readonly (string | number)[] = [],
): Array<{ ref: string; path: (string | number)[] }> {
  if (isRefObject(value)) return [{ ref: value.$ref, path: [...at] }];
  if (Array.isArray(value)) return value.flatMap((item, i) => collectRefs(item, [...at, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => collectRefs(item, [...at, key]));
  }
  return [];
}
