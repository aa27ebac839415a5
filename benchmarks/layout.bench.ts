/**
 * dagre layout of run graphs (src/core/layout) in Node: which ranker, with and without the
 * transitive reduction, on the seeded layered DAGs of the graph-engine benchmark. Prints a
 * Markdown table; dagre's defaults (network-simplex, every edge) are the baseline of each size.
 * Run with `npx tsx benchmarks/layout.bench.ts [sizes…]`. The in-browser figures (worker, first
 * paint, frame rate, updates) are benchmarks/dashboard.bench.ts's.
 */
import { layoutGraph, transitiveReduction, type LayoutRanker } from '../src/core/layout';
import { layeredDag } from './lib/layered-dag';
import { ms, printTable, ratio } from './lib/stats';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [50, 500, 2_000];
const RANKERS: LayoutRanker[] = ['network-simplex', 'tight-tree', 'longest-path'];

const rows: string[][] = [];
for (const n of SIZES) {
  const dag = layeredDag(n, 1);
  const nodes = dag.nameOf.map((id) => ({ id, width: 180, height: 44 }));
  // dependency → dependent, as the dashboard draws them
  const edges = dag.edges.map(([from, to]) => ({ source: dag.nameOf[to]!, target: dag.nameOf[from]! }));
  const t0 = performance.now();
  const reduced = transitiveReduction(dag.nameOf, edges);
  const reduceMs = performance.now() - t0;
  let baseline = 0;
  for (const reduce of [false, true]) {
    for (const ranker of RANKERS) {
      // The unreduced 2,000-node layouts take minutes: measured only where they finish.
      if (!reduce && n > 500 && ranker !== 'network-simplex') continue;
      const t = performance.now();
      layoutGraph(nodes, edges, { ranker, reduce });
      const elapsed = performance.now() - t;
      if (!reduce && ranker === 'network-simplex') baseline = elapsed;
      rows.push([
        String(n),
        String(reduce ? reduced.length : edges.length),
        ranker,
        reduce ? `yes (${ms(reduceMs)})` : 'no',
        ms(elapsed),
        ratio(baseline / elapsed),
      ]);
      console.error(`${n} ${ranker} reduce=${reduce}: ${ms(elapsed)}`);
    }
  }
}
printTable(
  'dagre layout by ranker and transitive reduction (Node)',
  ['packages', 'edges laid out', 'ranker', 'transitive reduction', 'layout', 'speed-up vs dagre defaults'],
  rows,
);
