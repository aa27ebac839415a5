/**
 * How much the scheduling policy and a fixed per-child slot cost move the makespan (issue 12, fourth
 * pass; docs/architecture/performance.md). Pure simulation, no server: the app's own list scheduler
 * (core/graph/list-schedule.ts: whenever a slot is free, start the ready package of highest
 * priority, ties by readiness) on N slots, on seeded synthetic monorepos
 * (benchmarks/lib/package-sets.ts), each child's slot time = its build + `o`.
 *
 * Prints, per workspace size and slot cost, the mean and 90th percentile of makespan / lower bound
 * over the seeds for each priority, and its ratio to critical-path-first (the app's policy) in the
 * same run; then the benchmark set itself (`syntheticMonorepo(50, 6, 12)`, bench:overhead
 * `sleeping=50`) at slot costs 0–70 ms.
 *
 * Run: `npm run bench:schedule [-- seeds=200]`
 */
import { DependencyGraph } from '../src/core/graph';
import { listSchedule } from '../src/core/graph/list-schedule';
import { lowerBound, syntheticMonorepo, type BenchPackage } from './lib/package-sets';
import { mean, percentile, printTable } from './lib/stats';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const SEEDS = Number(args.seeds ?? 200);
const N = 4;

/** Per-package figures the priorities are made of, by the graph's package ids. */
interface Figures {
  duration: number[];
  bottomLevel: number[];
  /** Own duration + every transitive dependent's. */
  work: number[];
  dependents: number[];
}

/** A workspace as the app's scheduler sees it: its graph snapshot, build times and figures by id. */
function workspaceOf(packages: readonly BenchPackage[]) {
  const graph = DependencyGraph.fromPackages(packages);
  const g = graph.snapshot();
  const byName = new Map(packages.map((p) => [p.name, p.estimatedDurationMs]));
  const duration = g.names.map((name) => byName.get(name)!);
  const levels = graph.bottomLevels(Object.fromEntries(byName));
  // Every transitive dependent of each package, dependents first (bottom-up over a topological order).
  const below: Array<Set<number>> = Array.from({ length: g.n }, () => new Set());
  for (const name of [...graph.topologicalSort()].reverse()) {
    const v = g.index.get(name)!;
    for (let i = g.dependentStart[v]!; i < g.dependentStart[v + 1]!; i++) {
      const w = g.dependents[i]!;
      below[v]!.add(w);
      for (const x of below[w]!) below[v]!.add(x);
    }
  }
  const figures: Figures = {
    duration,
    bottomLevel: g.names.map((name) => levels.get(name)!),
    work: below.map((set, v) => duration[v]! + [...set].reduce((sum, w) => sum + duration[w]!, 0)),
    dependents: below.map((set) => set.size),
  };
  return { g, figures };
}

const PRIORITIES: Record<string, (f: Figures, v: number) => number> = {
  'critical-path-first (the app)': (f, v) => f.bottomLevel[v]!,
  'critical path, then longest build': (f, v) => f.bottomLevel[v]! + f.duration[v]! * 1e-6,
  'critical path, then most dependents': (f, v) => f.bottomLevel[v]! + f.dependents[v]! * 1e-3,
  'max(critical path, work below / N)': (f, v) => Math.max(f.bottomLevel[v]!, f.work[v]! / N),
  'critical path + work below / N': (f, v) => f.bottomLevel[v]! + f.work[v]! / N,
  'critical path + work below / 2N': (f, v) => f.bottomLevel[v]! + f.work[v]! / (2 * N),
  'longest build first': (f, v) => f.duration[v]!,
};

/** Makespan of the app's list schedule with `priority` (highest first), each child costing `o` more. */
function simulate(
  { g, figures }: ReturnType<typeof workspaceOf>,
  priority: (f: Figures, v: number) => number,
  o: number,
): number {
  const durations = Float64Array.from(figures.duration, (d) => d + o);
  // The scheduler's critical-path-first queue orders by the array it is given, largest first:
  // here any priority, not only the bottom levels it gets in the app.
  const order = Float64Array.from({ length: g.n }, (_, v) => priority(figures, v));
  const none = new Uint8Array(g.n);
  return listSchedule(g, durations, N, 'critical-path-first', order, none, none, []).makespan;
}

const started = performance.now();
for (const [count, layers] of [
  [20, 4],
  [50, 6],
  [100, 8],
  [200, 10],
] as const) {
  for (const o of [0, 60]) {
    const ratios = new Map<string, number[]>(Object.keys(PRIORITIES).map((name) => [name, []]));
    for (let seed = 1; seed <= SEEDS; seed++) {
      const packages = syntheticMonorepo(count, layers, seed);
      const bound = lowerBound(packages, N);
      const workspace = workspaceOf(packages);
      for (const [name, priority] of Object.entries(PRIORITIES))
        ratios.get(name)!.push(simulate(workspace, priority, o) / bound);
    }
    const base = mean(ratios.get('critical-path-first (the app)')!);
    printTable(
      `${count} packages, ${layers} layers, ${SEEDS} seeds, N = ${N}, slot cost ${o} ms a child: makespan / lower bound`,
      ['priority', 'mean', 'p90', 'mean makespan vs critical-path-first'],
      [...ratios].map(([name, values]) => [
        name,
        mean(values).toFixed(4),
        percentile(values, 90).toFixed(4),
        `${mean(values) / base >= 1 ? '+' : '−'}${Math.abs(100 * (mean(values) / base - 1)).toFixed(2)} %`,
      ]),
    );
  }
}

const benchSet = syntheticMonorepo(50, 6, 12);
const benchWorkspace = workspaceOf(benchSet);
const bound = lowerBound(benchSet, N);
const costs = [0, 30, 40, 50, 60, 70];
printTable(
  `bench:overhead's sleeping=50 set (bound ${Math.round(bound)} ms), critical-path-first, by slot cost per child`,
  ['slot cost per child', ...costs.map((o) => `${o} ms`)],
  [
    [
      'makespan / bound',
      ...costs.map((o) =>
        (simulate(benchWorkspace, PRIORITIES['critical-path-first (the app)']!, o) / bound).toFixed(3),
      ),
    ],
  ],
);
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
