import { describe, expect, it } from 'vitest';
import {
  checkRunInput,
  formatPath,
  matchesInputType,
  validateDefinition,
  type ChildWorkflowRef,
  type Diagnostic,
} from '../../../src/core/definition';

type Node = { id: string; kind: string; data?: Record<string, unknown> };
type Edge = { id?: string; source: string; target: string; branch?: 'true' | 'false' };

/** A definition from nodes and `a>b` style edges. */
function def(nodes: Node[], edges: Array<Edge | string>, settings: Record<string, unknown> = {}): unknown {
  return {
    schemaVersion: 1,
    name: 'Test',
    nodes: nodes.map((n) => ({ data: {}, ...n })),
    edges: edges.map((e, i) => {
      if (typeof e !== 'string') return { id: `e${i}`, ...e };
      const [source, target, branch] = e.split(/[>:]/);
      return { id: `e${i}`, source: source!, target: target!, ...(branch ? { branch } : {}) };
    }),
    settings,
  };
}

const start = { id: 'start', kind: 'start' };
const end = { id: 'end', kind: 'end' };
const greet = (id: string, args: unknown[] = ['x'], extra: Record<string, unknown> = {}): Node => ({
  id,
  kind: 'activity',
  data: { activity: 'greet', args, ...extra },
});
const resolveChild = (ref: ChildWorkflowRef) =>
  'workflowType' in ref && ref.workflowType === 'Known_v1'
    ? { workflowType: 'Known_v1', taskQueue: 'q' }
    : undefined;

function problems(
  definition: unknown,
): Array<Pick<Diagnostic, 'code' | 'path' | 'message'> & { nodeId?: string }> {
  return validateDefinition(definition, { resolveChild }).diagnostics.map(
    ({ code, path, message, nodeId }) => ({
      code,
      path,
      message,
      ...(nodeId !== undefined && { nodeId }),
    }),
  );
}

describe('formatPath', () => {
  it('spells paths one way: indices in brackets, identifiers dotted, other keys quoted', () => {
    expect(formatPath(['nodes', 3, 'data', 'maxConcurrent'])).toBe('nodes[3].data.maxConcurrent');
    expect(formatPath(['settings', 'inputs', 0, 'name'])).toBe('settings.inputs[0].name');
    expect(formatPath(['nodes', 1, 'data', 'childInput', 'my-field'])).toBe(
      'nodes[1].data.childInput["my-field"]',
    );
  });
});

describe('validateDefinition: fields', () => {
  it('reports incomplete and invalid node data with the node id and the field path', () => {
    expect(
      problems(
        def(
          [start, { id: 'loop', kind: 'dynamicLoop', data: { maxConcurrent: 65 } }, end],
          ['start>loop', 'loop>end'],
        ),
      ),
    ).toEqual([
      {
        code: 'invalid-field',
        path: 'nodes[1].data.graph',
        message: 'nodes[1].data.graph is required',
        nodeId: 'loop',
      },
      {
        code: 'invalid-field',
        path: 'nodes[1].data.child',
        message: 'nodes[1].data.child does not match any of the accepted shapes',
        nodeId: 'loop',
      },
      {
        code: 'invalid-field',
        path: 'nodes[1].data.maxConcurrent',
        message: 'nodes[1].data.maxConcurrent must be at most 64',
        nodeId: 'loop',
      },
    ]);
  });

  it('reports envelope problems with their path', () => {
    expect(problems({ schemaVersion: 2, name: '', nodes: [], edges: [] }).map((p) => p.path)).toEqual([
      'schemaVersion',
      'name',
    ]);
  });

  it('checks run inputs: duplicates, reserved names, defaults of the right type', () => {
    const inputs = [
      { name: 'root', type: 'string' },
      { name: 'root', type: 'string' },
      { name: 'seed', type: 'json' },
      { name: 'count', type: 'number', default: 'three' },
    ];
    expect(problems(def([start, end], ['start>end'], { inputs }))).toEqual([
      {
        code: 'invalid-input',
        path: 'settings.inputs[1].name',
        message: 'Input "root" is declared more than once',
      },
      {
        code: 'invalid-input',
        path: 'settings.inputs[2].name',
        message: 'Input name "seed" is reserved (seed, estimatedDurationsMs, resume); choose another',
      },
      {
        code: 'invalid-input',
        path: 'settings.inputs[3].default',
        message: 'Default of input "count" must be a number',
      },
    ]);
  });

  it('types lists and maps of strings exactly: a default of another shape is named', () => {
    expect(matchesInputType(['build', 'test'], 'strings')).toBe(true);
    expect(matchesInputType([], 'strings')).toBe(true);
    expect(matchesInputType(['build', 1], 'strings')).toBe(false);
    expect(matchesInputType('build', 'strings')).toBe(false);
    expect(matchesInputType({ '@acme/db': 'failed' }, 'record')).toBe(true);
    expect(matchesInputType({ '@acme/db': { reason: 'failed' } }, 'record')).toBe(false);
    expect(matchesInputType(['failed'], 'record')).toBe(false);
    expect(matchesInputType(null, 'record')).toBe(false);
    const inputs = [
      { name: 'scripts', type: 'strings', default: 'build' },
      { name: 'failures', type: 'record', default: { a: 1 } },
    ];
    expect(problems(def([start, end], ['start>end'], { inputs }))).toEqual([
      {
        code: 'invalid-input',
        path: 'settings.inputs[0].default',
        message: 'Default of input "scripts" must be a list of strings',
      },
      {
        code: 'invalid-input',
        path: 'settings.inputs[1].default',
        message: 'Default of input "failures" must be a map from string to string',
      },
    ]);
  });

  it('checks a run’s input before it starts: required inputs, types; undeclared fields are left alone', () => {
    const specs = [
      { name: 'root', type: 'string' as const, required: true },
      { name: 'scripts', type: 'strings' as const },
      { name: 'failures', type: 'record' as const, default: {} },
    ];
    expect(
      checkRunInput(specs, { root: '/repo', scripts: ['build'], failures: { a: 'x' }, seed: 1 }),
    ).toEqual([]);
    expect(checkRunInput(specs, { scripts: 'build', failures: { a: 2 } })).toEqual([
      'Input "root" is required',
      'Input "scripts" must be a list of strings',
      'Input "failures" must be a map from string to string',
    ]);
  });
});

describe('validateDefinition: control flow', () => {
  it('needs exactly one start', () => {
    expect(problems(def([end], []))).toEqual([
      { code: 'no-start', path: 'nodes', message: 'The workflow needs a start node' },
    ]);
    expect(problems(def([start, { id: 's2', kind: 'start' }, end], ['start>end', 's2>end']))).toEqual([
      {
        code: 'multiple-starts',
        path: 'nodes[1]',
        message: 'Only one start node is allowed; "s2" is another',
        nodeId: 's2',
      },
    ]);
  });

  it('reports unreachable nodes, unknown edge ends, edges into start and out of end', () => {
    expect(
      problems(def([start, greet('lost'), end], ['start>end', 'start>ghost', 'end>lost', 'lost>start'])),
    ).toEqual([
      {
        code: 'unknown-edge-node',
        path: 'edges[1].target',
        message: 'Edge "e1" enters unknown node "ghost"',
      },
      {
        code: 'invalid-edge',
        path: 'edges[2].source',
        message: 'Edge "e2" leaves the end node "end"',
        nodeId: 'end',
      },
      {
        code: 'invalid-edge',
        path: 'edges[3].target',
        message: 'Edge "e3" enters the start node',
        nodeId: 'start',
      },
      {
        code: 'unreachable-node',
        path: 'nodes[1]',
        message: 'Node "lost" cannot be reached from the start node: connect an edge to it or delete it',
        nodeId: 'lost',
      },
    ]);
  });

  it('names every control-flow cycle by its path', () => {
    const found = problems(
      def(
        [start, greet('a'), greet('b'), greet('c'), greet('d'), end],
        ['start>a', 'a>b', 'b>c', 'c>a', 'c>d', 'd>d', 'd>end'],
      ),
    );
    expect(found).toEqual([
      {
        code: 'control-flow-cycle',
        path: 'edges[3]',
        message: 'Control-flow cycle: a → b → c → a',
        nodeId: 'a',
      },
      { code: 'control-flow-cycle', path: 'edges[5]', message: 'Control-flow cycle: d → d', nodeId: 'd' },
    ]);
  });

  it('checks condition branches', () => {
    const cond = { id: 'if', kind: 'condition', data: { left: '$workflow.id', op: 'exists' } };
    expect(problems(def([start, cond, greet('a'), end], ['start>if', 'if>a', 'a>end:true']))).toEqual([
      {
        code: 'invalid-branch',
        path: 'edges[1].branch',
        message: 'Edge "e1" leaves condition "if": set its branch to "true" or "false"',
        nodeId: 'if',
      },
      {
        code: 'invalid-branch',
        path: 'edges[2].branch',
        message: 'Edge "e2" has a branch but "a" is not a condition',
        nodeId: 'a',
      },
      {
        code: 'invalid-branch',
        path: 'nodes[1]',
        message: 'Condition "if" needs an edge with branch "true"',
        nodeId: 'if',
      },
    ]);
  });

  it('structures conditions and parallel branches, and refuses branches that merge without a join', () => {
    const cond = { id: 'if', kind: 'condition', data: { left: '$workflow.id', op: 'exists' } };
    const ok = validateDefinition(
      def(
        [start, cond, greet('a'), greet('b'), greet('c'), greet('j'), end],
        ['start>if', 'if>a:true', 'if>j:false', 'a>b', 'a>c', 'b>j', 'c>j', 'j>end'],
      ),
    );
    expect(ok.diagnostics).toEqual([]);
    expect(ok.body).toEqual([
      { type: 'node', nodeId: 'start' },
      {
        type: 'branch',
        nodeId: 'if',
        whenTrue: [
          { type: 'node', nodeId: 'a' },
          {
            type: 'parallel',
            nodeId: 'a',
            branches: [[{ type: 'node', nodeId: 'b' }], [{ type: 'node', nodeId: 'c' }]],
          },
        ],
        whenFalse: [],
      },
      { type: 'node', nodeId: 'j' },
      { type: 'node', nodeId: 'end' },
    ]);
    // b is entered from inside the parallel block (a → b) and from c: no nested block can express that.
    expect(
      problems(
        def(
          [start, greet('a'), greet('b'), greet('c'), end],
          ['start>a', 'a>b', 'a>c', 'c>b', 'b>end', 'c>end'],
        ),
      ),
    ).toEqual([
      {
        code: 'unstructured-flow',
        path: 'nodes[2]',
        message:
          'Node "b" is entered from two branches before they join: route both branches through one join node, or duplicate "b"',
        nodeId: 'b',
      },
    ]);
  });

  it('keeps package loops on the main path', () => {
    const cond = { id: 'if', kind: 'condition', data: { left: '$workflow.id', op: 'exists' } };
    const graph = {
      id: 'g',
      kind: 'dependencyGraph',
      data: { source: { type: 'inline', packages: [{ name: 'a' }] } },
    };
    const loop = {
      id: 'loop',
      kind: 'batchLoop',
      data: { graph: 'g', child: { workflowType: 'Known_v1' }, batchSize: 2 },
    };
    expect(
      problems(
        def([start, graph, cond, loop, end], ['start>g', 'g>if', 'if>loop:true', 'if>end:false', 'loop>end']),
      ),
    ).toEqual([
      {
        code: 'loop-not-on-main-path',
        path: 'nodes[3]',
        message:
          'Package loop "loop" is inside a condition or parallel branch; put it on the main path from start to end',
        nodeId: 'loop',
      },
    ]);
  });
});

describe('validateDefinition: meaning of nodes', () => {
  it('reports unknown activities and arguments that do not fit the signature (references are not judged by type)', () => {
    const found = problems(
      def(
        [
          start,
          greet('a', [42]),
          { id: 'b', kind: 'activity', data: { activity: 'deploy' } },
          greet('c', [{ $ref: '$workflow.id' }]),
          end,
        ],
        ['start>a', 'a>b', 'b>c', 'c>end'],
      ),
    );
    expect(found.map((p) => [p.code, p.path, p.nodeId])).toEqual([
      ['invalid-activity-args', 'nodes[1].data.args[0]', 'a'],
      ['unknown-activity', 'nodes[2].data.activity', 'b'],
    ]);
    expect(found[1]!.message).toBe(
      'Unknown activity "deploy"; the built-in activities are greet, buildPackage, readWorkspace, writeReport',
    );
  });

  it('refuses a heartbeat timeout on a local activity (it cannot heartbeat); a local one without is fine', () => {
    const found = problems(
      def(
        [
          start,
          greet('a', ['x'], { local: true, heartbeatTimeoutMs: 5000 }),
          greet('b', ['x'], { local: true }),
          end,
        ],
        ['start>a', 'a>b', 'b>end'],
      ),
    );
    expect(found.map((p) => [p.code, p.path, p.nodeId])).toEqual([
      ['local-activity-heartbeat', 'nodes[1].data.heartbeatTimeoutMs', 'a'],
    ]);
  });

  it('reports unknown child workflows', () => {
    const child = (id: string, workflow: unknown): Node => ({
      id,
      kind: 'childWorkflow',
      data: { workflow, mode: 'execute' },
    });
    expect(
      problems(
        def(
          [
            start,
            child('a', { workflowType: 'Known_v1' }),
            child('b', { definitionId: 'gone', version: 3 }),
            end,
          ],
          ['start>a', 'a>b', 'b>end'],
        ),
      ),
    ).toEqual([
      {
        code: 'unknown-child-workflow',
        path: 'nodes[2].data.workflow',
        message: 'Child workflow definition "gone" version 3 does not exist',
        nodeId: 'b',
      },
    ]);
  });

  it('checks what loops and reports point at', () => {
    const graph = {
      id: 'g',
      kind: 'dependencyGraph',
      data: { source: { type: 'inline', packages: [{ name: 'a' }] } },
    };
    const loop = (id: string, over: string): Node => ({
      id,
      kind: 'dynamicLoop',
      data: { graph: over, child: { workflowType: 'Known_v1' }, maxConcurrent: 2 },
    });
    const found = problems(
      def(
        [
          start,
          greet('x'),
          loop('l1', 'x'),
          loop('l2', 'nope'),
          graph,
          loop('l3', 'g'),
          { id: 'r', kind: 'report', data: { loop: 'g' } },
          end,
        ],
        ['start>x', 'x>l1', 'l1>l2', 'l2>g', 'g>l3', 'l3>r', 'r>end'],
      ),
    );
    expect(found).toEqual([
      {
        code: 'wrong-node-kind',
        path: 'nodes[2].data.graph',
        message: 'Node "x" is a activity node; expected a dependencyGraph node',
        nodeId: 'l1',
      },
      {
        code: 'unknown-node-ref',
        path: 'nodes[3].data.graph',
        message: 'Node "nope" does not exist',
        nodeId: 'l2',
      },
      {
        code: 'wrong-node-kind',
        path: 'nodes[6].data.loop',
        message: 'Node "g" is a dependencyGraph node; expected a dynamicLoop or batchLoop node',
        nodeId: 'r',
      },
    ]);
  });

  it('refuses a report folder: a definition never chooses where the worker writes', () => {
    const graph = {
      id: 'g',
      kind: 'dependencyGraph',
      data: { source: { type: 'inline', packages: [{ name: 'a' }] } },
    };
    const loop = {
      id: 'l',
      kind: 'dynamicLoop',
      data: { graph: 'g', child: { workflowType: 'Known_v1' }, maxConcurrent: 2 },
    };
    const report = { id: 'r', kind: 'report', data: { loop: 'l', dir: '/etc/cron.d' } };
    expect(problems(def([start, graph, loop, report, end], ['start>g', 'g>l', 'l>r', 'r>end']))).toEqual([
      {
        code: 'invalid-field',
        path: 'nodes[3].data.dir',
        message:
          'a definition cannot choose where the worker writes: reports go to the app’s reports folder; remove "dir"',
        nodeId: 'r',
      },
    ]);
  });

  it('reports package cycles and unknown packages of an inline graph, with the graph engine’s messages, all at once', () => {
    const packages = [
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['c'] },
      { name: 'c', dependencies: ['a'] },
      { name: 'app', dependencies: ['utils'] },
    ];
    const graph = { id: 'g', kind: 'dependencyGraph', data: { source: { type: 'inline', packages } } };
    expect(problems(def([start, graph, end], ['start>g', 'g>end']))).toEqual([
      {
        code: 'unknown-package',
        path: 'nodes[1].data.source.packages[3]',
        message: 'Package "app" depends on unknown package "utils"',
        nodeId: 'g',
      },
      {
        code: 'package-cycle',
        path: 'nodes[1].data.source.packages[0]',
        message:
          'Dependency cycle: a → b → c → a. No setting lets a run proceed: every edge of it is a "dependencies" entry, so one of those package.json entries has to go.',
        nodeId: 'g',
      },
    ]);
  });

  it('checks references: syntax, declared inputs, upstream nodes, $error and $package', () => {
    const found = problems(
      def(
        [
          start,
          greet('a', [{ $ref: '$input.missing' }]),
          greet('b', [{ $ref: '$result.later' }]),
          greet('c', [{ $ref: '$error.a' }]),
          greet('d', [{ $ref: '$package.name' }]),
          greet('e', [{ $ref: '$nope' }]),
          greet('later'),
          end,
        ],
        ['start>a', 'a>b', 'b>c', 'c>d', 'd>e', 'e>later', 'later>end'],
      ),
    );
    expect(found.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'nodes[1].data.args[0].$ref: Reference "$input.missing": no run input is named "missing" (declare it in the settings)',
      'nodes[2].data.args[0].$ref: Reference "$result.later": Node "later" does not run before "b": connect it upstream',
      'nodes[3].data.args[0].$ref: Reference "$error.a": "a" fails the run on error; set its continueOnFailure to use $error',
      'nodes[4].data.args[0].$ref: Reference "$package.name": $package is only known in a loop\'s childInput',
      'nodes[5].data.args[0].$ref: Reference "$nope": a reference starts with $input, $result, $error, $workflow or $package',
    ]);
  });

  it('checks that a condition compares an input with a value of its type', () => {
    const cond = (right: unknown, op = '=='): Node => ({
      id: 'if',
      kind: 'condition',
      data: { left: '$input.count', op, right },
    });
    const check = (node: Node) =>
      problems(
        def([start, node, end], ['start>if', 'if>end:true'], { inputs: [{ name: 'count', type: 'number' }] }),
      );
    expect(check(cond(3))).toEqual([]);
    expect(check(cond('3'))).toEqual([
      {
        code: 'condition-type-mismatch',
        path: 'nodes[1].data.right',
        message: 'Input "count" is a number; compare it with a number, not "3"',
        nodeId: 'if',
      },
    ]);
    expect(check(cond('x', '<'))[0]?.message).toBe('Operator < compares numbers; "x" is not a number');
  });

  it('compares a list or map input only with a JSON list or object (its generated type has no other overlap)', () => {
    const check = (left: string, right: unknown, op = '==') =>
      problems(
        def(
          [start, { id: 'if', kind: 'condition', data: { left, op, right } }, end],
          ['start>if', 'if>end:true'],
          {
            inputs: [
              { name: 'scripts', type: 'strings' },
              { name: 'failures', type: 'record' },
            ],
          },
        ),
      ).map((p) => p.message);
    expect(check('$input.scripts', ['build'])).toEqual([]);
    expect(check('$input.failures', {}, '!=')).toEqual([]);
    expect(check('$input.failures', null)).toEqual([]);
    expect(check('$input.failures.a', 'x')).toEqual([]); // a value inside: typed where it is used
    expect(check('$input.scripts', 'build')).toEqual([
      'Input "scripts" is a list of strings; compare it with ==/!= and a JSON list, not "build"',
    ]);
    expect(check('$input.failures', ['a'])).toEqual([
      'Input "failures" is a map from string to string; compare it with ==/!= and a JSON object, not ["a"]',
    ]);
    expect(check('$input.scripts', 2, '>')).toEqual([
      'Input "scripts" is a list of strings; compare it with ==/!= and a JSON list, not operator >',
    ]);
  });

  it('collects problems of every node rather than stopping at the first', () => {
    const found = problems(
      def(
        [
          start,
          greet('a', [1]),
          { id: 'b', kind: 'activity', data: { activity: 'nope' } },
          { id: 'c', kind: 'dynamicLoop', data: {} },
          end,
        ],
        ['start>a', 'a>b', 'b>c'],
      ),
    );
    expect(new Set(found.map((p) => p.nodeId))).toEqual(new Set(['a', 'b', 'c', 'end']));
  });
});
