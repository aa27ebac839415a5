// Tier: unit (quick). Graph options: which dependency kinds make edges, dropping the dev edges
// that close cycles, and cycle messages that name each edge's kind and the setting that helps.
import { describe, expect, it } from 'vitest';
import { DependencyGraph, formatCycle, parseEdgeKinds } from '../../../src/core/graph';
import type { PackageSpec } from '../../../src/core/graph';

const devCycle: PackageSpec[] = [
  { name: 'a', dependencies: [{ name: 'b', kind: 'dev' }] },
  { name: 'b', dependencies: ['a'] },
];

describe('graph options', () => {
  it('names a cycle edge by edge with its kind and the setting that would let the run proceed', () => {
    const { diagnostics, droppedEdges } = DependencyGraph.analyzePackages(devCycle);
    expect(droppedEdges).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Dependency cycle: a → b (dev) → a. To build anyway, turn on "breakDevCycles" (drops the devDependency edges that close cycles and lists them) or leave "dev" out of "edgeKinds".',
    ]);
    expect(diagnostics[0]!.cycles![0]!.edges).toEqual([
      { from: 'a', to: 'b', kind: 'dev' },
      { from: 'b', to: 'a', kind: 'dependency' },
    ]);
  });

  it('suggests leaving peer/optional out for a cycle without dev edges, and nothing for plain dependencies', () => {
    const peer = DependencyGraph.analyzePackages([
      { name: 'a', dependencies: [{ name: 'b', kind: 'peer' }] },
      { name: 'b', dependencies: [{ name: 'a', kind: 'optional' }] },
    ]);
    expect(peer.diagnostics[0]!.message).toBe(
      'Dependency cycle: a → b (peer) → a (optional). To build anyway, leave "peer" and "optional" out of "edgeKinds".',
    );
    const plain = DependencyGraph.analyzePackages([
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['a'] },
    ]);
    expect(plain.diagnostics[0]!.message).toMatch(
      /^Dependency cycle: a → b → a\. No setting lets a run proceed/,
    );
  });

  it('edgeKinds leaves out dependencies of other kinds; a dependency declared twice keeps its next kind', () => {
    const packages: PackageSpec[] = [
      { name: 'a' },
      { name: 'b', dependencies: [{ name: 'a', kind: 'peer', otherKinds: ['dev'] }] },
      { name: 'c', dependencies: [{ name: 'a', kind: 'dev' }, { name: 'b', kind: 'optional' }, 'a'] },
    ];
    const noDev = DependencyGraph.analyzePackages(packages, {
      edgeKinds: ['dependency', 'optional', 'peer'],
    });
    expect(noDev.graph.edges()).toEqual([
      { from: 'b', to: 'a', kind: 'peer' },
      { from: 'c', to: 'b', kind: 'optional' },
      { from: 'c', to: 'a', kind: 'dependency' },
    ]);
    const devOnly = DependencyGraph.fromPackages(packages, { edgeKinds: ['dev'] });
    expect(devOnly.edges()).toEqual([
      { from: 'b', to: 'a', kind: 'dev' },
      { from: 'c', to: 'a', kind: 'dev' },
    ]);
    expect(DependencyGraph.fromPackages(packages, { edgeKinds: [] }).edgeCount).toBe(0);
    // Leaving dev out breaks the dev cycle: the run can proceed.
    expect(DependencyGraph.analyzePackages(devCycle, { edgeKinds: ['dependency'] }).diagnostics).toEqual([]);
  });

  it('still reports an unknown kind or a missing package when edge kinds are filtered', () => {
    const { diagnostics } = DependencyGraph.analyzePackages(
      [
        { name: 'a', dependencies: [{ name: 'b', kind: 'build' as never }] },
        { name: 'b', dependencies: [{ name: 'nope', kind: 'dependency' }] },
      ],
      { edgeKinds: ['dependency'] },
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Package "a" has a dependency of unknown kind "build"',
      'Package "b" depends on unknown package "nope"',
    ]);
  });

  it('breakDevCycles drops only the dev edges that close a cycle, in declaration order, and lists them', () => {
    const packages: PackageSpec[] = [
      // a ⇄ b through two dev edges: the first (a → b) is kept, the second closes the cycle.
      { name: 'a', dependencies: [{ name: 'b', kind: 'dev' }] },
      {
        name: 'b',
        dependencies: [
          { name: 'a', kind: 'dev' },
          { name: 'c', kind: 'dev' },
        ],
      },
      // c → d → c: only the dev edge can go.
      { name: 'c', dependencies: [{ name: 'd', kind: 'dev' }] },
      { name: 'd', dependencies: ['c'] },
      // A dev edge outside every cycle stays.
      { name: 'e', dependencies: [{ name: 'a', kind: 'dev' }] },
      { name: 'self', dependencies: [{ name: 'self', kind: 'dev' }] },
    ];
    const { graph, diagnostics, droppedEdges } = DependencyGraph.analyzePackages(packages, {
      breakDevCycles: true,
    });
    expect(diagnostics).toEqual([]);
    expect(droppedEdges).toEqual([
      { from: 'b', to: 'a', kind: 'dev' },
      { from: 'c', to: 'd', kind: 'dev' },
      { from: 'self', to: 'self', kind: 'dev' },
    ]);
    expect(graph.edgeCount).toBe(4); // 7 declared, 3 dropped
    expect(graph.topologicalSort()).toEqual(['c', 'self', 'b', 'd', 'a', 'e']);
  });

  it('breakDevCycles cannot break a cycle of other kinds: it fails naming that cycle', () => {
    const { diagnostics, droppedEdges } = DependencyGraph.analyzePackages(
      [
        { name: 'a', dependencies: ['b', { name: 'c', kind: 'dev' }] },
        { name: 'b', dependencies: [{ name: 'a', kind: 'peer' }] },
        { name: 'c', dependencies: ['a'] },
      ],
      { breakDevCycles: true },
    );
    expect(droppedEdges).toEqual([{ from: 'a', to: 'c', kind: 'dev' }]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Dependency cycle: a → b → a (peer). To build anyway, leave "peer" out of "edgeKinds".',
    ]);
  });

  it('formats a cycle with or without its edges', () => {
    expect(formatCycle(['a', 'b', 'a'])).toBe('a → b → a');
    expect(
      formatCycle(
        ['a', 'b', 'a'],
        [
          { from: 'a', to: 'b', kind: 'dependency' },
          { from: 'b', to: 'a', kind: 'dev' },
        ],
      ),
    ).toBe('a → b → a (dev)');
  });

  it('never throws on malformed (untyped JSON) input, whatever the options', () => {
    const garbage = [
      { name: 'a', dependencies: [null, { name: 'b', kind: 'dev', otherKinds: 'peer' }, 42] },
      { name: 'b', dependencies: 'a' },
      { name: 'c', dependencies: [{ name: 'c', kind: 'dev' }] },
      null,
    ] as unknown as PackageSpec[];
    for (const options of [{}, { edgeKinds: ['peer' as const] }, { breakDevCycles: true }]) {
      const { diagnostics } = DependencyGraph.analyzePackages(garbage, options);
      expect(diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('parses the kinds a user types: kinds, package.json field names, any case, no repeats', () => {
    expect(parseEdgeKinds('dependencies,optional,peer,dev')).toEqual([
      'dependency',
      'optional',
      'peer',
      'dev',
    ]);
    expect(parseEdgeKinds(' devDependencies , peerDependencies,dev ')).toEqual(['dev', 'peer']);
    expect(parseEdgeKinds('')).toEqual([]);
    expect(() => parseEdgeKinds('dependencies,build')).toThrow(
      'Unknown dependency kind "build": use dependencies, optional, peer or dev (or the package.json field names)',
    );
  });
});
