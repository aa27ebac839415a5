import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph';
import {
  chooseDirection,
  graphHash,
  layeredLayout,
  layoutGraph,
  transitiveReduction,
} from '../../../src/core/layout';

const e = (source: string, target: string) => ({ source, target });

describe('transitiveReduction', () => {
  it('drops edges implied by a longer path, keeps the rest', () => {
    const edges = [e('a', 'b'), e('b', 'c'), e('a', 'c'), e('a', 'd'), e('c', 'd'), e('x', 'd')];
    expect(transitiveReduction(['a', 'b', 'c', 'd', 'x'], edges)).toEqual([
      e('a', 'b'),
      e('b', 'c'),
      e('c', 'd'),
      e('x', 'd'),
    ]);
  });

  it('keeps reachability exactly (random DAGs)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const n = 30;
      const names = Array.from({ length: n }, (_, i) => `n${i}`);
      const edges: Array<{ source: string; target: string }> = [];
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) if (rand() < 0.15) edges.push(e(names[i]!, names[j]!));
      const reduced = transitiveReduction(names, edges);
      const closure = (list: typeof edges) => {
        const reach = new Map(names.map((x) => [x, new Set<string>()]));
        for (let i = n - 1; i >= 0; i--)
          for (const ed of list.filter((x) => x.source === names[i]))
            for (const t of [ed.target, ...reach.get(ed.target)!]) reach.get(names[i]!)!.add(t);
        return names.map((x) => [...reach.get(x)!].sort().join(','));
      };
      expect(closure(reduced)).toEqual(closure(edges));
      // Minimal: removing any kept edge loses reachability.
      for (const kept of reduced.slice(0, 5))
        expect(closure(reduced.filter((x) => x !== kept))).not.toEqual(closure(edges));
    }
  });

  it('leaves a graph with a cycle as it is', () => {
    const edges = [e('a', 'b'), e('b', 'a'), e('a', 'c'), e('b', 'c')];
    expect(transitiveReduction(['a', 'b', 'c'], edges)).toHaveLength(4);
  });
});

describe('layouts', () => {
  const packages = [
    { name: 'tsconfig' },
    { name: 'types', dependencies: ['tsconfig'] },
    { name: 'utils', dependencies: ['types', 'tsconfig'] },
    { name: 'app', dependencies: ['utils', 'types', 'tsconfig'] },
  ];
  const edges = packages.flatMap((p) => (p.dependencies ?? []).map((d) => e(d, p.name)));
  const nodes = packages.map((p) => ({ id: p.name, width: 160, height: 40 }));

  it('dagre places dependencies left of their dependents, with only the reduced edges', () => {
    const result = layoutGraph(nodes, edges);
    expect(result.edges).toHaveLength(3);
    const x = (id: string) => result.positions[id]!.x;
    expect(x('tsconfig')).toBeLessThan(x('types'));
    expect(x('types')).toBeLessThan(x('utils'));
    expect(x('utils')).toBeLessThan(x('app'));
    expect(result.width).toBeGreaterThanOrEqual(4 * 160);
  });

  it('the placeholder puts each engine layer in one column', () => {
    const layers = DependencyGraph.fromPackages(packages).layers();
    const result = layeredLayout(layers, { width: 160, height: 40 });
    expect(new Set(Object.values(result.positions).map((p) => p.x)).size).toBe(layers.length);
    expect(Object.keys(result.positions).sort()).toEqual(packages.map((p) => p.name).sort());
  });

  it('the graph hash depends on the graph, not on its order', () => {
    const names = packages.map((p) => p.name);
    expect(graphHash(names, edges)).toBe(graphHash([...names].reverse(), [...edges].reverse()));
    expect(graphHash(names, edges)).not.toBe(graphHash(names, edges.slice(1)));
  });
});

describe('chooseDirection', () => {
  const box = { width: 184, height: 44 };
  it('draws a deep narrow graph top to bottom and a wide shallow one left to right', () => {
    const deep = Array.from({ length: 9 }, (_, i) => [`a${i}`, `b${i}`]);
    expect(chooseDirection(deep, box, 1.6)).toBe('TB');
    const wide = Array.from({ length: 3 }, (_, i) => Array.from({ length: 30 }, (_, j) => `n${i}-${j}`));
    expect(chooseDirection(wide, box, 1.6)).toBe('LR');
  });

  it('the TB placeholder stacks layers downwards', () => {
    const result = layeredLayout([['a'], ['b', 'c']], box, { direction: 'TB' });
    expect(result.positions.a!.y).toBeLessThan(result.positions.b!.y);
    expect(result.positions.b!.y).toBe(result.positions.c!.y);
  });
});
