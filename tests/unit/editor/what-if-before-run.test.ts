/**
 * Proves the Run dialog's prediction (src/core/editor/what-if-before-run.ts) on the PackageBuilder
 * example: one slot takes the sum of the estimates, more slots never take longer, the lower bound
 * never exceeds the prediction, the saturation point is where more slots stop helping, and a graph
 * read at run time or a cycle gives a reason instead of numbers. Quick tier.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../src/core/definition';
import { whatIfBeforeRun } from '../../../src/core/editor';

const example = JSON.parse(readFileSync('examples/package-builder.json', 'utf8')) as WorkflowDefinition;
type Pkg = { estimatedDurationMs: number };
const graphNode = example.nodes.find((n) => n.id === 'graph')!;
const packages = (graphNode.data as { source: { packages: Pkg[] } }).source.packages;
const total = packages.reduce((s, p) => s + p.estimatedDurationMs, 0);

const withNode = (id: string, patch: (data: Record<string, unknown>) => Record<string, unknown>) => ({
  ...example,
  nodes: example.nodes.map((n) => (n.id === id ? { ...n, data: patch(n.data) } : n)),
});

describe('whatIfBeforeRun', () => {
  it('predicts the example at N = 1…16 from its estimates', () => {
    const r = whatIfBeforeRun(example);
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ loopId: 'build', slots: 4, packages: 20, estimated: 20 });
    expect(r.whatIf.rows.map((row) => row.slots)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(r.whatIf.rows[0]!.makespanMs).toBe(total);
    for (const [i, row] of r.whatIf.rows.entries()) {
      expect(row.lowerBoundMs).toBeLessThanOrEqual(row.makespanMs);
      if (i > 0) expect(row.makespanMs).toBeLessThanOrEqual(r.whatIf.rows[i - 1]!.makespanMs);
    }
    const best = Math.min(...r.whatIf.rows.map((row) => row.makespanMs));
    const saturation = r.whatIf.rows[r.whatIf.saturationSlots - 1]!;
    expect(saturation.makespanMs).toBeLessThanOrEqual(best * 1.02);
    expect(r.whatIf.saturationSlots).toBeGreaterThan(1);
    expect(r.whatIf.saturationSlots).toBeLessThan(16);
  });

  it('without dependency order the packages spread freely (never slower than with it)', () => {
    const on = whatIfBeforeRun(example);
    const off = whatIfBeforeRun(withNode('build', (d) => ({ ...d, dependencyMode: 'off' })));
    if (!on.ok || !off.ok) throw new Error('no prediction');
    expect(off.whatIf.rows[15]!.makespanMs).toBe(Math.max(...packages.map((p) => p.estimatedDurationMs)));
    expect(off.whatIf.rows[3]!.makespanMs).toBeLessThanOrEqual(on.whatIf.rows[3]!.makespanMs);
  });

  it('gives a reason when the packages are not known before the run, or cannot be scheduled', () => {
    const workspace = whatIfBeforeRun(
      withNode('graph', () => ({ source: { type: 'workspace', root: '/repo' } })),
    );
    expect(workspace).toEqual({
      ok: false,
      reason: `The packages of "graph" are read when the run starts (workspace): the prediction appears on the run's page.`,
    });
    const cycle = whatIfBeforeRun(
      withNode('graph', () => ({
        source: {
          type: 'inline',
          packages: [
            { name: 'a', dependencies: ['b'] },
            { name: 'b', dependencies: ['a'] },
          ],
        },
      })),
    );
    expect(cycle.ok).toBe(false);
    expect(!cycle.ok && cycle.reason).toMatch(/^The package graph cannot be scheduled: .*a.*b/);
    expect(
      whatIfBeforeRun({ ...example, nodes: example.nodes.filter((n) => n.kind !== 'dynamicLoop') }),
    ).toEqual({
      ok: false,
      reason: 'This workflow has no Dynamic Loop.',
    });
  });
});
