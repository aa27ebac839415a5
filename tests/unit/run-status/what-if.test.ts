import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyGraph, type PackageSpec } from '../../../src/core/graph';
import { predictedVsActual, whatIfConcurrency } from '../../../src/core/run-status';

describe('whatIfConcurrency', () => {
  it('on the demo monorepo: 35.6 s on one slot, bounded by the 18.1 s critical path from N = 4', () => {
    const example = JSON.parse(
      readFileSync(join(process.cwd(), 'examples/package-builder.json'), 'utf8'),
    ) as {
      nodes: Array<{ kind: string; data: { source?: { packages?: PackageSpec[] } } }>;
    };
    const packages = example.nodes.find((n) => n.kind === 'dependencyGraph')!.data.source!.packages!;
    const result = whatIfConcurrency(DependencyGraph.fromPackages(packages), undefined);
    expect(result.rows).toHaveLength(16);
    expect(result.rows[0]!.makespanMs).toBe(35_600);
    expect(result.rows[3]!.makespanMs).toBe(18_100);
    // More slots never make the prediction worse, and never beat the lower bound.
    for (const row of result.rows) expect(row.makespanMs).toBeGreaterThanOrEqual(row.lowerBoundMs);
    expect(result.saturationSlots).toBeLessThanOrEqual(4);
    expect(result.rows[result.saturationSlots - 1]!.makespanMs).toBeLessThanOrEqual(18_100 * 1.02);
  });
});

describe('predictedVsActual', () => {
  it("sets the prediction at N beside a replay with the run's own build times and the real makespan", () => {
    // b needs a; c alone. Estimated 100 ms each: on 2 slots a and c, then b: 200 ms. The run
    // measured a = 200, b = 100, c = 50: replayed, a and c, then b: 300 ms. It took 330 ms.
    const graph = DependencyGraph.fromPackages([
      { name: 'a' },
      { name: 'b', dependencies: ['a'] },
      { name: 'c' },
    ]);
    const r = predictedVsActual(
      graph,
      { a: 100, b: 100, c: 100 },
      new Map([
        ['a', 200],
        ['b', 100],
        ['c', 50],
      ]),
      2,
      330,
    );
    expect(r).toEqual({
      slots: 2,
      predictedMs: 200,
      replayedMs: 300,
      actualMs: 330,
      error: 0.65,
      overheadMs: 30,
    });
  });
});
