import type { z } from 'zod';
import type { Diagnostic } from '../ipc/contract';

export type { Diagnostic };

/**
 * Every diagnostic the definition checks and the compiler report, by code. Codes are stable (the
 * canvas and tests key on them); messages name the node, the field and what to do.
 */
export const DIAGNOSTIC_CODES = {
  /** The envelope or a node's data does not match its schema (`path` names the field). */
  INVALID_FIELD: 'invalid-field',
  /** Two nodes share an id. */
  DUPLICATE_NODE_ID: 'duplicate-node-id',
  /** Two edges share an id. */
  DUPLICATE_EDGE_ID: 'duplicate-edge-id',
  /** There is no start node. */
  NO_START: 'no-start',
  /** There is more than one start node. */
  MULTIPLE_STARTS: 'multiple-starts',
  /** An edge names a node that does not exist. */
  UNKNOWN_EDGE_NODE: 'unknown-edge-node',
  /** An edge enters a start node or leaves an end node. */
  INVALID_EDGE: 'invalid-edge',
  /** A condition's edges do not carry exactly one `true` and at most one `false` branch, or another node's edge carries a branch. */
  INVALID_BRANCH: 'invalid-branch',
  /** A node cannot be reached from the start node. */
  UNREACHABLE_NODE: 'unreachable-node',
  /** The control flow has a cycle (the message names it). */
  CONTROL_FLOW_CYCLE: 'control-flow-cycle',
  /** Branches join in a way that is not a nested if/else or parallel block. */
  UNSTRUCTURED_FLOW: 'unstructured-flow',
  /** A package loop sits inside a condition or a parallel branch. */
  LOOP_NOT_ON_MAIN_PATH: 'loop-not-on-main-path',
  /** No built-in activity has this name. */
  UNKNOWN_ACTIVITY: 'unknown-activity',
  /** Activity arguments do not match the activity's signature. */
  INVALID_ACTIVITY_ARGS: 'invalid-activity-args',
  /** A local activity node sets a heartbeat timeout (local activities cannot heartbeat). */
  LOCAL_ACTIVITY_HEARTBEAT: 'local-activity-heartbeat',
  /** A child workflow reference does not resolve to a workflow. */
  UNKNOWN_CHILD_WORKFLOW: 'unknown-child-workflow',
  /** A node refers to a node that does not exist. */
  UNKNOWN_NODE_REF: 'unknown-node-ref',
  /** A node refers to a node of the wrong kind (e.g. a loop to a non-dependencyGraph node). */
  WRONG_NODE_KIND: 'wrong-node-kind',
  /** A `$ref` is malformed, names an undeclared input or a node that does not run before it. */
  INVALID_REFERENCE: 'invalid-reference',
  /** Two run inputs share a name, or an input uses a reserved name. */
  INVALID_INPUT: 'invalid-input',
  /** A condition compares values of different types. */
  CONDITION_TYPE_MISMATCH: 'condition-type-mismatch',
  /** An inline package graph has a dependency cycle. */
  PACKAGE_CYCLE: 'package-cycle',
  /** An inline package depends on a package that is not in the graph. */
  UNKNOWN_PACKAGE: 'unknown-package',
  /** An inline package is declared twice or is otherwise invalid. */
  INVALID_PACKAGE: 'invalid-package',
  /** Two definitions of one project compile to the same workflow type. */
  DUPLICATE_WORKFLOW_TYPE: 'duplicate-workflow-type',
  /** The generated code could not be formatted (a compiler bug: please report it). */
  FORMAT_FAILED: 'format-failed',
} as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

/** A path into a definition as keys and indices, e.g. `['nodes', 3, 'data', 'maxConcurrent']`. */
export type DefinitionPath = readonly (string | number)[];

/**
 * Formats a path the one way diagnostics spell it: `nodes[3].data.maxConcurrent`,
 * `edges[0].target`, `settings.inputs[1].name`. Keys that are not identifiers are quoted:
 * `data.childInput["my-field"]`.
 */
export function formatPath(path: DefinitionPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Builds a diagnostic of the given severity. */
function diagnostic(
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  path: DefinitionPath,
  message: string,
  nodeId?: string,
): Diagnostic {
  return {
    code,
    severity,
    ...(nodeId !== undefined && { nodeId }),
    path: formatPath(path),
    message,
  };
}

/** Builds an error diagnostic. */
export function error(code: DiagnosticCode, path: DefinitionPath, message: string, nodeId?: string): Diagnostic {
  return diagnostic('error', code, path, message, nodeId);
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, path: DefinitionPath, message: string, nodeId?: string): Diagnostic {
  return diagnostic('warning', code, path, message, nodeId);
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A zod issue in words: `must be at most 64`, `unknown field "foo"`, `must be one of start, execute`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'array'
        ? `must have at most ${String(issue.maximum)} items`
        : /^Too big/.test(issue.message)
          ? `must be at most ${String(issue.maximum)}`
          : issue.message;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1 && /^Too small/.test(issue.message))
        return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} items`;
      return /^Too small/.test(issue.message) ? `must be at least ${String(issue.minimum)}` : issue.message;
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? 'is required' : `must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
    case 'invalid_union':
      return 'does not match any of the accepted shapes';
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'array' || type === 'object' || type === 'integer') return `an ${type}`;
  return `a ${type}`;
}

/** Turns zod issues into diagnostics; `prefix` is where the parsed value sits in the definition. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  prefix: DefinitionPath = [],
  nodeId?: string,
): Diagnostic[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
    const field = formatPath(path);
    return error(
      DIAGNOSTIC_CODES.INVALID_FIELD,
      path,
      `${field || 'definition'} ${describeIssue(issue)}`,
      nodeId,
    );
  });
}
