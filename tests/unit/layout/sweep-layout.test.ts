/**
 * Quick tier (unit). Proves the layered sweep layout the run page uses above dagre's size: every
 * node placed in its layer's column, boxes of a layer never overlap and keep a gap, crossings
 * drop against the unordered layered placeholder, and fitInOrder is the exact order-preserving
 * least-squares fit. Also the layout job dispatch, its cache key, and the LRU cache.
 */
import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph';
import {
  adjacentCrossings,
  fitInOrder,
  layeredLayout,
  layoutJobKey,
  LruCache,
  runLayoutJob,
  sweepLayout,
  transitiveReduction,
} from '../../../src/core/layout';

const box = { width: 184, height: 44 };

/** A seeded layered DAG whose declared order is shuffled, so crossings are plenty. */
function randomGraph(n: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const names = Array.from({ length: n }, (_, i) => `p${i}`);
  const packages = names.map((name, i) => {
    const deps = new Set<string>();
    if (i >= 10)
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) deps.add(names[Math.floor(rand() * i)]!);
    return { name, dependencies: [...deps] };
  });
  const engine = DependencyGraph.fromPackages(packages);
  const layers = engine.layers().map((layer) => [...layer].sort(() => rand() - 0.5));
  const edges = transitiveReduction(
    names,
    packages.flatMap((p) => p.dependencies.map((d) => ({ source: d, target: p.name }))),
  );
  return { layers, edges, names };
}

describe('sweepLayout', () => {
  it('places every node in its layer column with the gap kept inside a layer', () => {
    const { layers, edges, names } = randomGraph(300, 3);
    const { positions, width, height } = sweepLayout(layers, edges, box, { nodeSep: 16, rankSep: 80 });
    expect(Object.keys(positions).sort()).toEqual([...names].sort());
    layers.forEach((layer, i) => {
      const ys = layer.map((id) => positions[id]!.y).sort((a, b) => a - b);
      for (const id of layer) expect(positions[id]!.x).toBe(i * (box.width + 80));
      for (let j = 1; j < ys.length; j++)
        expect(ys[j]! - ys[j - 1]!).toBeGreaterThanOrEqual(box.height + 16 - 1e-6);
    });
    for (const p of Object.values(positions)) {
      expect(p.y).toBeGreaterThanOrEqual(-1e-6);
      expect(p.y + box.height).toBeLessThanOrEqual(height + 1e-6);
      expect(p.x + box.width).toBeLessThanOrEqual(width + 1e-6);
    }
  });

  it('crosses fewer edges than the unordered layered placeholder', () => {
    const { layers, edges } = randomGraph(400, 11);
    const before = adjacentCrossings(layeredLayout(layers, box).positions, layers, edges);
    const after = adjacentCrossings(sweepLayout(layers, edges, box).positions, layers, edges);
    expect(after).toBeLessThan(before * 0.7);
  });

  it('lays out top to bottom when asked', () => {
    const { positions } = sweepLayout([['a'], ['b', 'c']], [{ source: 'a', target: 'b' }], box, {
      direction: 'TB',
    });
    expect(positions.b!.y).toBeGreaterThan(positions.a!.y);
    expect(positions.b!.y).toBe(positions.c!.y);
  });

  it('handles an empty graph', () => {
    expect(sweepLayout([], [], box)).toEqual({ positions: {}, width: 0, height: 0 });
  });
});

describe('fitInOrder', () => {
  it('keeps desired positions that already respect the gap', () => {
    expect(fitInOrder([0, 100, 300], 50)).toEqual([0, 100, 300]);
  });

  it('spreads colliding boxes symmetrically around their mean', () => {
    expect(fitInOrder([100, 100, 100], 10)).toEqual([90, 100, 110]);
  });

  it('is the least-squares optimum among ordered, gapped placements (brute force check)', () => {
    const desired = [5, 1, 4, 4, 9];
    const gap = 2;
    const fit = fitInOrder(desired, gap);
    const cost = (xs: number[]) => xs.reduce((c, x, j) => c + (x - desired[j]!) ** 2, 0);
    for (let j = 1; j < fit.length; j++) expect(fit[j]! - fit[j - 1]!).toBeGreaterThanOrEqual(gap - 1e-9);
    // Any feasible perturbation costs at least as much.
    let seed = 5;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 2000; t++) {
      const xs = fit.map((x) => x + (rand() - 0.5) * 2);
      let feasible = true;
      for (let j = 1; j < xs.length; j++) if (xs[j]! - xs[j - 1]! < gap) feasible = false;
      if (feasible) expect(cost(xs)).toBeGreaterThanOrEqual(cost(fit) - 1e-9);
    }
  });
});

describe('layout jobs', () => {
  it('runs a sweep job and a dagre job', () => {
    const edges = [{ source: 'a', target: 'b' }];
    const sweep = runLayoutJob({ kind: 'sweep', layers: [['a'], ['b']], edges, box, options: {} });
    expect(sweep.positions.b!.x).toBeGreaterThan(sweep.positions.a!.x);
    expect(sweep.edges).toEqual(edges);
    const nodes = [
      { id: 'a', ...box },
      { id: 'b', ...box },
    ];
    const dagre = runLayoutJob({ kind: 'dagre', nodes, edges, options: { direction: 'TB' } });
    expect(dagre.positions.b!.y).toBeGreaterThan(dagre.positions.a!.y);
  });

  it('keys the cache by graph, kind, options and box size', () => {
    const nodes = [{ id: 'a', ...box }];
    const base = { kind: 'dagre' as const, nodes, edges: [], options: { direction: 'TB' as const } };
    const key = layoutJobKey('g1', base);
    expect(layoutJobKey('g1', { ...base, nodes: [{ id: 'a', ...box }] })).toBe(key);
    expect(layoutJobKey('g2', base)).not.toBe(key);
    expect(layoutJobKey('g1', { ...base, options: { direction: 'LR' } })).not.toBe(key);
    expect(layoutJobKey('g1', { ...base, nodes: [{ id: 'a', width: 10, height: 10 }] })).not.toBe(key);
    expect(layoutJobKey('g1', { kind: 'sweep', layers: [['a']], edges: [], box, options: {} })).not.toBe(key);
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry beyond its limit', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now newer than b
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow(/positive integer, got 0/);
  });
});
