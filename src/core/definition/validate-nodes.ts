import type { ActivityCatalogEntry } from '../activities/types';
import { DependencyGraph } from '../graph/dependency-graph';
import type { ChildWorkflowRef, ResolvedChildWorkflow } from './common';
import type { GraphOptions } from '../graph/types';
import { graphOptionsOf, type GraphSource } from './node-kinds/dependency-graph';
import {
  DIAGNOSTIC_CODES as C,
  error,
  formatPath,
  type DefinitionPath,
  type Diagnostic,
} from './diagnostics';
import type { NodeKind } from './node-kinds/index';
import { collectRefs, isRefObject, parseReference, usesPackage } from './references';
import type { InputSpec } from './settings';
import { describeInputType } from './validate-settings';
import type { DefinitionNode, NodeOf, ValidNode } from './workflow-definition';

/** What the per-node checks need to know about the rest of the definition. */
export interface NodeCheckContext {
  readonly inputs: readonly InputSpec[];
  nodeById(id: string): { node: DefinitionNode; valid: ValidNode | undefined; index: number } | undefined;
  ancestorsOf(nodeId: string): ReadonlySet<string>;
  readonly activities: readonly ActivityCatalogEntry[];
  readonly resolveChild: ((ref: ChildWorkflowRef) => ResolvedChildWorkflow | undefined) | undefined;
}

/** Where a node sits: for building diagnostics. */
interface At {
  readonly node: ValidNode;
  readonly path: DefinitionPath;
  readonly ctx: NodeCheckContext;
}

/** The checks of one node's meaning (its data already passed the complete schema). */
export function checkNode(node: ValidNode, index: number, ctx: NodeCheckContext): Diagnostic[] {
  const at: At = { node, path: ['nodes', index, 'data'], ctx };
  switch (node.kind) {
    case 'activity':
      return checkActivity(at, node);
    case 'childWorkflow':
      return [
        ...checkChildRef(at, node.data.workflow, 'workflow'),
        ...checkValue(at, node.data.input ?? {}, ['input'], false),
      ];
    case 'dependencyGraph':
      return checkGraphSource(at, node);
    case 'dynamicLoop':
    case 'batchLoop':
      return checkLoop(at, node);
    case 'condition':
      return checkCondition(at, node);
    case 'report':
      return [
        ...checkNodeRef(
          at,
          node.data.loop,
          ['loop'],
          ['dynamicLoop', 'batchLoop'],
          'a dynamicLoop or batchLoop',
        ),
        // Kept in the schema so stored definitions still load, and named here: an input or a
        // shared definition must never choose where the worker writes (docs/security.md).
        ...(node.data.dir === undefined
          ? []
          : [
              fail(
                at,
                C.INVALID_FIELD,
                ['dir'],
                'a definition cannot choose where the worker writes: reports go to the app’s reports folder; remove "dir"',
              ),
            ]),
      ];
    case 'start':
    case 'end':
      return [];
  }
}

function fail(at: At, code: Parameters<typeof error>[0], sub: DefinitionPath, message: string): Diagnostic {
  return error(code, [...at.path, ...sub], message, at.node.id);
}

function checkActivity(at: At, node: NodeOf<'activity'>): Diagnostic[] {
  const entry = at.ctx.activities.find((a) => a.name === node.data.activity);
  if (!entry) {
    const known = at.ctx.activities.map((a) => a.name).join(', ');
    return [
      fail(
        at,
        C.UNKNOWN_ACTIVITY,
        ['activity'],
        `Unknown activity "${node.data.activity}"; the built-in activities are ${known}`,
      ),
    ];
  }
  const args = node.data.args ?? [];
  const diagnostics = checkValue(at, args, ['args'], false);
  // References are checked above; the schema judges everything else.
  const refPaths = collectRefs(args).map((r) => formatPath(r.path));
  const parsed = entry.argsSchema.safeParse(args);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
      const where = formatPath(path);
      if (refPaths.some((r) => where === r || where.startsWith(`${r}.`) || where.startsWith(`${r}[`)))
        continue;
      if (
        issue.code === 'invalid_type' &&
        refPaths.some((r) => r.startsWith(`${where}.`) || r.startsWith(`${where}[`))
      )
        continue;
      diagnostics.push(
        fail(
          at,
          C.INVALID_ACTIVITY_ARGS,
          ['args', ...path],
          `Argument ${where ? `args${where.startsWith('[') ? '' : '.'}${where}` : 'list'} of ${entry.name}(${entry.signature.params}): ${issue.message}`,
        ),
      );
    }
  }
  if (node.data.local && node.data.heartbeatTimeoutMs !== undefined) {
    diagnostics.push(
      fail(
        at,
        C.LOCAL_ACTIVITY_HEARTBEAT,
        ['heartbeatTimeoutMs'],
        'A local activity cannot heartbeat: remove heartbeatTimeoutMs or turn off local',
      ),
    );
  }
  return diagnostics;
}

function checkChildRef(at: At, ref: ChildWorkflowRef, field: string): Diagnostic[] {
  if (!at.ctx.resolveChild || at.ctx.resolveChild(ref)) return [];
  const what =
    'workflowType' in ref
      ? `workflow type "${ref.workflowType}"`
      : `definition "${ref.definitionId}"${ref.version === undefined ? '' : ` version ${ref.version}`}`;
  return [fail(at, C.UNKNOWN_CHILD_WORKFLOW, [field], `Child workflow ${what} does not exist`)];
}

/** A reference to another node by id: it must exist, be of one of `kinds`, and run before this node. */
function checkNodeRef(
  at: At,
  id: string,
  field: DefinitionPath,
  kinds: readonly NodeKind[],
  what: string,
): Diagnostic[] {
  const target = at.ctx.nodeById(id);
  if (!target) return [fail(at, C.UNKNOWN_NODE_REF, field, `Node "${id}" does not exist`)];
  if (!kinds.includes(target.node.kind)) {
    return [
      fail(at, C.WRONG_NODE_KIND, field, `Node "${id}" is a ${target.node.kind} node; expected ${what} node`),
    ];
  }
  if (!at.ctx.ancestorsOf(at.node.id).has(id)) {
    return [
      fail(
        at,
        C.INVALID_REFERENCE,
        field,
        `Node "${id}" does not run before "${at.node.id}": connect it upstream`,
      ),
    ];
  }
  return [];
}

/** Every `$ref` in a JSON value. */
function checkValue(at: At, value: unknown, field: DefinitionPath, allowPackage: boolean): Diagnostic[] {
  return collectRefs(value).flatMap(({ ref, path }) =>
    checkReference(at, ref, [...field, ...path, '$ref'], allowPackage),
  );
}

function checkReference(at: At, text: string, field: DefinitionPath, allowPackage: boolean): Diagnostic[] {
  const ref = parseReference(text);
  if ('error' in ref) return [fail(at, C.INVALID_REFERENCE, field, `Reference ${ref.error}`)];
  if (!allowPackage && usesPackage(ref)) {
    return [
      fail(
        at,
        C.INVALID_REFERENCE,
        field,
        `Reference "${text}": $package is only known in a loop's childInput`,
      ),
    ];
  }
  switch (ref.kind) {
    case 'input':
      if (ref.name !== undefined && !at.ctx.inputs.some((i) => i.name === ref.name)) {
        return [
          fail(
            at,
            C.INVALID_REFERENCE,
            field,
            `Reference "${text}": no run input is named "${ref.name}" (declare it in the settings)`,
          ),
        ];
      }
      return [];
    case 'result':
      return checkNodeRef(at, ref.nodeId, field, allKinds, 'any').map((d) => ({
        ...d,
        message: `Reference "${text}": ${d.message}`,
      }));
    case 'error': {
      const problems = checkNodeRef(
        at,
        ref.nodeId,
        field,
        ['activity', 'childWorkflow'],
        'an activity or childWorkflow',
      );
      if (problems.length > 0)
        return problems.map((d) => ({ ...d, message: `Reference "${text}": ${d.message}` }));
      const target = at.ctx.nodeById(ref.nodeId)?.valid;
      const continues =
        target &&
        (target.kind === 'activity' || target.kind === 'childWorkflow') &&
        target.data.continueOnFailure;
      return continues
        ? []
        : [
            fail(
              at,
              C.INVALID_REFERENCE,
              field,
              `Reference "${text}": "${ref.nodeId}" fails the run on error; set its continueOnFailure to use $error`,
            ),
          ];
    }
    default:
      return [];
  }
}

const allKinds: readonly NodeKind[] = [
  'start',
  'activity',
  'childWorkflow',
  'dependencyGraph',
  'dynamicLoop',
  'batchLoop',
  'condition',
  'report',
  'end',
];

function checkGraphSource(at: At, node: NodeOf<'dependencyGraph'>): Diagnostic[] {
  const source = node.data.source;
  switch (source.type) {
    case 'inline':
      return checkInlinePackages(at, source.packages, graphOptionsOf(node.data));
    case 'workspace':
      if (typeof source.root === 'string' ? source.root === '' : !isRefObject(source.root)) {
        return [
          fail(
            at,
            C.INVALID_FIELD,
            ['source', 'root'],
            'The workspace root must be a folder path or a { "$ref": … }',
          ),
        ];
      }
      return checkValue(at, source.root, ['source', 'root'], false);
    case 'activityResult':
      return checkNodeRef(at, source.nodeId, ['source', 'nodeId'], ['activity'], 'an activity');
    case 'input': {
      const input = at.ctx.inputs.find((i) => i.name === source.input);
      if (input?.type === 'packages') return [];
      return [
        fail(
          at,
          C.INVALID_REFERENCE,
          ['source', 'input'],
          input
            ? `Input "${source.input}" is of type ${input.type}; declare it as packages`
            : `No run input is named "${source.input}"`,
        ),
      ];
    }
  }
}

/** Cycles and unknown dependencies of an inline package list, with the graph engine's messages. */
function checkInlinePackages(
  at: At,
  packages: Extract<GraphSource, { type: 'inline' }>['packages'],
  options: GraphOptions,
): Diagnostic[] {
  const { diagnostics } = DependencyGraph.analyzePackages(packages, options);
  const indexOf = (name: string | undefined): number =>
    Math.max(
      0,
      packages.findIndex((p) => p.name === name),
    );
  return diagnostics.map((problem) => {
    if (problem.code === 'CYCLE') {
      return fail(at, C.PACKAGE_CYCLE, ['source', 'packages', indexOf(problem.cycle?.[0])], problem.message);
    }
    if (problem.code === 'UNKNOWN_PACKAGE') {
      return fail(
        at,
        C.UNKNOWN_PACKAGE,
        ['source', 'packages', indexOf(problem.from ?? problem.pkg)],
        problem.message,
      );
    }
    const index = packages.map((p) => p.name).lastIndexOf(problem.pkg ?? '');
    return fail(at, C.INVALID_PACKAGE, ['source', 'packages', Math.max(0, index)], problem.message);
  });
}

const LOOP_FIELDS = new Set(['runId', 'packageName', 'attempt']);

function checkLoop(at: At, node: NodeOf<'dynamicLoop'> | NodeOf<'batchLoop'>): Diagnostic[] {
  const childInput = node.data.childInput ?? {};
  return [
    ...checkNodeRef(at, node.data.graph, ['graph'], ['dependencyGraph'], 'a dependencyGraph'),
    ...checkChildRef(at, node.data.child, 'child'),
    ...Object.keys(childInput)
      .filter((key) => LOOP_FIELDS.has(key))
      .map((key) =>
        fail(
          at,
          C.INVALID_FIELD,
          ['childInput', key],
          `childInput.${key} is set by the loop itself (runId, packageName, attempt)`,
        ),
      ),
    ...checkValue(at, childInput, ['childInput'], true),
  ];
}

function checkCondition(at: At, node: NodeOf<'condition'>): Diagnostic[] {
  const problems = checkReference(at, node.data.left, ['left'], false);
  if (problems.length > 0) return problems;
  const { op, right } = node.data;
  if (op === 'exists' || op === 'notExists') return [];
  if (right === undefined)
    return [fail(at, C.INVALID_FIELD, ['right'], `Operator ${op} needs a value to compare with`)];
  if (isRefObject(right))
    return [fail(at, C.INVALID_FIELD, ['right'], 'The value compared with must be a JSON constant')];
  const numeric = op !== '==' && op !== '!=';
  if (numeric && typeof right !== 'number') {
    return [
      fail(
        at,
        C.CONDITION_TYPE_MISMATCH,
        ['right'],
        `Operator ${op} compares numbers; ${JSON.stringify(right)} is not a number`,
      ),
    ];
  }
  const ref = parseReference(node.data.left);
  if ('error' in ref || ref.kind !== 'input' || ref.name === undefined || ref.path.length > 0) return [];
  const input = at.ctx.inputs.find((i) => i.name === ref.name);
  const type = input?.type;
  if (type === 'strings' || type === 'record' || type === 'packages') {
    // Compiled as `===` on the typed value (a primitive) or on its JSON text (a list or map).
    const list = type !== 'record';
    const fits = !numeric && (right === null || (typeof right === 'object' && Array.isArray(right) === list));
    if (fits) return [];
    return [
      fail(
        at,
        C.CONDITION_TYPE_MISMATCH,
        ['right'],
        `Input "${ref.name}" is ${describeInputType(type)}; compare it with ==/!= and a JSON ${list ? 'list' : 'object'}, not ${numeric ? `operator ${op}` : JSON.stringify(right)}`,
      ),
    ];
  }
  if (type !== 'string' && type !== 'number' && type !== 'boolean') return [];
  if ((numeric && type !== 'number') || (!numeric && right !== null && typeof right !== type)) {
    return [
      fail(
        at,
        C.CONDITION_TYPE_MISMATCH,
        ['right'],
        `Input "${ref.name}" is a ${type}; compare it with a ${numeric ? 'number' : type}, not ${JSON.stringify(right)}`,
      ),
    ];
  }
  return [];
}
