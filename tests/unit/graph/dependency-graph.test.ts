import { describe, expect, it } from 'vitest';
import { DependencyGraph, GraphError } from '../../../src/core/graph';
import type { PackageSpec } from '../../../src/core/graph';
import { findCycles } from '../../../src/core/graph/cycles';

/** Captures the GraphError thrown by `fn` (fails the test if nothing or something else is thrown). */
function graphErrorOf(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (error) {
    expect(GraphError.is(error)).toBe(true);
    return error as GraphError;
  }
  throw new Error('expected a GraphError');
}

/** 20 packages in 4 layers of 5: every package of layer k > 0 depends on two of layer k - 1. */
function twentyNodeGraph(): DependencyGraph {
  const packages: PackageSpec[] = [];
  for (let layer = 0; layer < 4; layer++) {
    for (let i = 0; i < 5; i++) {
      const dependencies = layer === 0 ? [] : [`L${layer - 1}-${i}`, `L${layer - 1}-${(i + 1) % 5}`];
      packages.push({ name: `L${layer}-${i}`, dependencies });
    }
  }
  // Declared deepest layer first, so insertion order is not already a valid order.
  return DependencyGraph.fromPackages(packages.reverse());
}

describe('DependencyGraph (milestone cases)', () => {
  it('sorts a 3-node linear graph dependencies first', () => {
    const g = new DependencyGraph().addNode('app').addNode('ui').addNode('utils');
    g.addDependency('app', 'ui').addDependency('ui', 'utils');
    expect(g.topologicalSort()).toEqual(['utils', 'ui', 'app']);
    expect(g.layers()).toEqual([['utils'], ['ui'], ['app']]);
    expect(g.dependenciesOf('app')).toEqual(['ui']);
    expect(g.dependentsOf('utils')).toEqual(['ui']);
    expect(g.getReadyNodes([])).toEqual(['utils']);
  });

  it('orders a 20-node multi-layer graph and layers it by longest path', () => {
    const g = twentyNodeGraph();
    const order = g.topologicalSort();
    expect(order).toHaveLength(20);
    const position = new Map(order.map((name, i) => [name, i]));
    for (const { from, to } of g.edges()) expect(position.get(to)!).toBeLessThan(position.get(from)!);
    const layers = g.layers();
    expect(layers).toHaveLength(4);
    for (const [k, layer] of layers.entries()) {
      expect([...layer].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `L${k}-${i}`));
    }
  });

  it('throws on a cycle and names it', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['c'] },
      { name: 'c', dependencies: ['a'] },
      { name: 'd', dependencies: ['a'] },
    ]);
    const error = graphErrorOf(() => g.topologicalSort());
    expect(error.code).toBe('CYCLE');
    expect(error.message).toBe('Dependency cycle: a → b → c → a');
    expect(error.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(() => g.validate()).toThrow('Dependency cycle: a → b → c → a');
  });

  it('returns the ready nodes for a partial completion', () => {
    const g = twentyNodeGraph();
    const layer0 = [0, 1, 2, 3, 4].map((i) => `L0-${i}`);
    expect(new Set(g.getReadyNodes([]))).toEqual(new Set(layer0));
    // With L0-0 and L0-1 done, only L1-0 (needs L0-0, L0-1) joins the rest of layer 0.
    expect(new Set(g.getReadyNodes(['L0-0', 'L0-1']))).toEqual(new Set(['L0-2', 'L0-3', 'L0-4', 'L1-0']));
    expect(() => g.getReadyNodes(['nope'])).toThrow('Unknown package "nope"');
  });
});

describe('DependencyGraph structure and errors', () => {
  it('names both ends of an edge to an unknown package', () => {
    const g = new DependencyGraph().addNode('app');
    const error = graphErrorOf(() => g.addDependency('app', 'utils'));
    expect(error).toMatchObject({ code: 'UNKNOWN_PACKAGE', from: 'app', to: 'utils' });
    expect(error.message).toBe('Package "app" depends on unknown package "utils"');
    expect(graphErrorOf(() => g.addDependency('ghost', 'app')).message).toContain('"ghost"');
  });

  it('collects every problem of a package list instead of stopping at the first', () => {
    const error = graphErrorOf(() =>
      DependencyGraph.fromPackages([
        { name: 'app', dependencies: ['utils', 'ui'] },
        { name: 'ui', dependencies: ['icons'] },
        { name: 'ui' },
      ]),
    );
    expect(error.code).toBe('INVALID_GRAPH');
    expect(error.diagnostics.map((d) => d.code)).toEqual([
      'DUPLICATE_PACKAGE',
      'UNKNOWN_PACKAGE',
      'UNKNOWN_PACKAGE',
    ]);
    expect(error.diagnostics.map((d) => [d.from, d.to])).toEqual([
      [undefined, undefined],
      ['app', 'utils'],
      ['ui', 'icons'],
    ]);
    expect(error.message).toContain('Package "app" depends on unknown package "utils"');
    // A single problem is thrown as itself, and still lists itself in diagnostics.
    const single = graphErrorOf(() => DependencyGraph.fromPackages([{ name: 'a', dependencies: ['b'] }]));
    expect(single.code).toBe('UNKNOWN_PACKAGE');
    expect(single.diagnostics).toEqual([single]);
  });

  it('reports malformed entries of untyped input as diagnostics', () => {
    const untyped = JSON.parse(
      '[{"name":"a","dependencies":[{"name":"b","kind":"build"},{"kind":"dev"},null]},{"name":"b"},{"name":""}]',
    ) as PackageSpec[];
    const error = graphErrorOf(() => DependencyGraph.fromPackages(untyped));
    expect(error.diagnostics.map((d) => d.message)).toEqual([
      'Package name must be a non-empty string',
      'Package "a" has a dependency of unknown kind "build"',
      'Package "a" lists a dependency without a name',
      'Package "a" lists a dependency without a name',
    ]);
  });

  it('reports structural problems and cycles together from analyzePackages', () => {
    const { graph, diagnostics } = DependencyGraph.analyzePackages([
      { name: 'a', dependencies: ['b', 'missing'] },
      { name: 'b', dependencies: ['a'] },
    ]);
    expect(graph.size).toBe(2);
    expect(diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_PACKAGE', 'CYCLE']);
    expect(diagnostics[1]!.message).toMatch(/^Dependency cycle: a → b → a\. No setting lets a run proceed/);
  });

  it('rejects duplicate and empty package names', () => {
    const g = new DependencyGraph().addNode('a');
    expect(graphErrorOf(() => g.addNode('a')).code).toBe('DUPLICATE_PACKAGE');
    expect(graphErrorOf(() => g.addNode('')).code).toBe('INVALID_PACKAGE');
  });

  it('treats a self-dependency as a cycle', () => {
    const g = DependencyGraph.fromPackages([{ name: 'a', dependencies: ['a'] }, { name: 'b' }]);
    expect(g.detectCycles()).toEqual([
      {
        cycle: ['a', 'a'],
        edges: [{ from: 'a', to: 'a', kind: 'dependency' }],
        componentSize: 1,
        component: ['a'],
        shortest: true,
      },
    ]);
    expect(graphErrorOf(() => g.validate()).message).toBe('Dependency cycle: a → a');
  });

  it('reports one shortest cycle per strongly connected component, edge by edge with kinds', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['c'] },
      { name: 'c', dependencies: ['d'] },
      { name: 'd', dependencies: ['a', { name: 'b', kind: 'peer' }] }, // b → c → d → b is shorter
      { name: 'x', dependencies: [{ name: 'y', kind: 'dev' }] },
      { name: 'y', dependencies: ['x'] },
      { name: 'z', dependencies: ['a'] }, // downstream of a cycle, not part of it
    ]);
    const cycles = g.detectCycles();
    expect(cycles.map((c) => [c.cycle, c.componentSize])).toEqual([
      [['b', 'c', 'd', 'b'], 4],
      [['x', 'y', 'x'], 2],
    ]);
    expect(cycles[0]!.edges.map((e) => e.kind)).toEqual(['dependency', 'dependency', 'peer']);
    expect(cycles[1]!.edges[0]).toEqual({ from: 'x', to: 'y', kind: 'dev' });
    const error = graphErrorOf(() => g.validate());
    expect(error.message).toBe('Dependency cycle: b → c → d → b (peer) (and 1 more cycle)');
    expect(error.cycles).toHaveLength(2);
  });

  it('reports a 50k-package ring in linear time', () => {
    const g = new DependencyGraph();
    const n = 50_000;
    for (let i = 0; i < n; i++) g.addNode(`r${i}`);
    for (let i = 0; i < n; i++) g.addDependency(`r${i}`, `r${(i + 1) % n}`);
    const [ring, ...others] = g.detectCycles();
    expect(others).toEqual([]);
    expect(ring!.cycle).toHaveLength(n + 1);
    expect(ring!.shortest).toBe(true);
  });

  it('still reports a real cycle when the shortest-cycle budget runs out', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['c'] },
      { name: 'c', dependencies: ['d', 'b'] },
      { name: 'd', dependencies: ['a'] },
    ]);
    expect(g.detectCycles()[0]).toMatchObject({ cycle: ['b', 'c', 'b'], shortest: true });
    const [limited] = findCycles(g.snapshot(), 1);
    expect(limited).toMatchObject({ cycle: ['a', 'b', 'c', 'd', 'a'], shortest: false, componentSize: 4 });
  });

  it('ignores a repeated edge and keeps its first kind', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'a', dependencies: [{ name: 'b', kind: 'peer' }, { name: 'b', kind: 'dev' }, 'b'] },
      { name: 'b' },
    ]);
    expect(g.edgeCount).toBe(1);
    expect(g.edges()).toEqual([{ from: 'a', to: 'b', kind: 'peer' }]);
  });

  it('dedupes long dependency lists too (the Set path)', () => {
    const g = new DependencyGraph().addNode('hub');
    for (let i = 0; i < 40; i++) g.addNode(`p${i}`).addDependency('hub', `p${i}`);
    for (let i = 0; i < 40; i++) g.addDependency('hub', `p${i}`);
    expect(g.edgeCount).toBe(40);
    expect(g.topologicalSort().at(-1)).toBe('hub');
  });

  it('breaks ties by insertion order, the same way every time', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'z' },
      { name: 'm', dependencies: ['z'] },
      { name: 'a' },
      { name: 'b', dependencies: ['a'] },
    ]);
    expect(g.topologicalSort()).toEqual(['z', 'a', 'm', 'b']);
    expect(DependencyGraph.fromJSON(JSON.parse(JSON.stringify(g))).topologicalSort()).toEqual([
      'z',
      'a',
      'm',
      'b',
    ]);
  });

  it('round-trips through compact JSON and rejects malformed JSON', () => {
    const g = DependencyGraph.fromPackages([
      { name: 'app', dependencies: ['lib', { name: 'types', kind: 'dev' }], estimatedDurationMs: 1200 },
      { name: 'lib', dependencies: ['types'] },
      { name: 'types' },
    ]);
    const json = JSON.parse(JSON.stringify(g)) as unknown;
    expect(json).toEqual({
      format: 'workflow-builder/dependency-graph',
      version: 1,
      nodes: ['app', 'lib', 'types'],
      estimatedDurationMs: [1200, null, null],
      edges: [0, 1, 0, 2, 1, 2],
      edgeKinds: 'dvd',
    });
    const back = DependencyGraph.fromJSON(json);
    expect(back.toJSON()).toEqual(g.toJSON());
    expect(back.fingerprint()).toBe(g.fingerprint());
    expect(back.getNode('app')).toEqual({ name: 'app', estimatedDurationMs: 1200 });
    expect(graphErrorOf(() => DependencyGraph.fromJSON({ ...(json as object), edges: [0, 7] })).code).toBe(
      'INVALID_JSON',
    );
    expect(graphErrorOf(() => DependencyGraph.fromJSON(null)).code).toBe('INVALID_JSON');
  });

  it('invalidates its snapshot when it changes', () => {
    const g = new DependencyGraph().addNode('a');
    const before = g.fingerprint();
    expect(g.topologicalSort()).toEqual(['a']);
    g.addNode('b').addDependency('a', 'b');
    expect(g.topologicalSort()).toEqual(['b', 'a']);
    expect(g.fingerprint()).not.toBe(before);
  });
});
