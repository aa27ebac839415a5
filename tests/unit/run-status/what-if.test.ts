import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyGraph, type PackageSpec } from '../../../src/core/graph';
import { whatIfConcurrency } from '../../../src/core/run-status';

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
