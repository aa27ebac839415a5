/**
 * How much the scheduling policy and a fixed per-child slot cost move the makespan (issue 12, fourth
 * pass; docs/architecture/performance.md). Pure simulation, no server: the app's own list scheduler
 * (core/graph/list-schedule.ts: whenever a slot is free, start the ready package of highest
 * priority, ties by readiness) on N slots, on seeded synthetic monorepos
 * (benchmarks/lib/package-sets.ts), each child's slot time = its build + `o`.
 *
 * Prints, per workspace size and slot cost, the mean and 90th percentile of makespan / lower bound
 * over the seeds for each priority, and its ratio to critical-path-first by bottom levels in the
 * same run. Among them the app's order when build times are known (seventh pass): the bottom levels
 * tuned by simulating the run (core/graph/tuned-priorities.ts), also run with noise (each child's
 * slot cost ±20 ms, each build ±2 %, the order chosen on the exact estimates) next to
 * critical-path-first under the same noise. Then the benchmark set itself (`syntheticMonorepo(50,
 * 6, 12)`, bench:overhead `sleeping=50`) at slot costs 0–70 ms, both orders.
 *
 * Run: `npm run bench:schedule [-- seeds=200]`
 */
import { DependencyGraph } from '../src/core/graph';
import { listSchedule } from '../src/core/graph/list-schedule';
import { SLOT_COST_MS, tunePriorities } from '../src/core/graph/tuned-priorities';
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
  'critical-path-first (bottom levels)': (f, v) => f.bottomLevel[v]!,
  'critical path, then longest build': (f, v) => f.bottomLevel[v]! + f.duration[v]! * 1e-6,
  'critical path, then most dependents': (f, v) => f.bottomLevel[v]! + f.dependents[v]! * 1e-3,
  'max(critical path, work below / N)': (f, v) => Math.max(f.bottomLevel[v]!, f.work[v]! / N),
  'critical path + work below / N': (f, v) => f.bottomLevel[v]! + f.work[v]! / N,
  'critical path + work below / 2N': (f, v) => f.bottomLevel[v]! + f.work[v]! / (2 * N),
  'longest build first': (f, v) => f.duration[v]!,
};

/**
 * The app's order since the seventh pass: the bottom levels tuned to the build times by simulating
 * the run (core/graph/tuned-priorities.ts, with its own assumed slot cost SLOT_COST_MS whatever `o` is).
 */
const TUNED = 'tuned critical-path-first (the app, with history)';

type Priority = ((f: Figures, v: number) => number) | typeof TUNED;

/**
 * The priorities the scheduler's critical-path-first queue orders by (largest first): any priority
 * here, not only the bottom levels it gets in the app; TUNED is chosen on the estimates.
 */
function orderOf({ g, figures }: ReturnType<typeof workspaceOf>, priority: Priority): Float64Array {
  if (priority !== TUNED) return Float64Array.from({ length: g.n }, (_, v) => priority(figures, v));
  const none = new Uint8Array(g.n);
  const levels = Float64Array.from(figures.bottomLevel);
  return tunePriorities(g, Float64Array.from(figures.duration), levels, N, {
    skip: none,
    done: none,
    inFlight: [],
  });
}

/** Makespan of the app's list schedule by `priority`, each build taking `slotTime(its duration)`. */
function makespanOf(
  workspace: ReturnType<typeof workspaceOf>,
  priority: Priority,
  slotTime: (duration: number) => number,
): number {
  const { g, figures } = workspace;
  const durations = Float64Array.from(figures.duration, slotTime);
  const none = new Uint8Array(g.n);
  return listSchedule(g, durations, N, 'critical-path-first', orderOf(workspace, priority), none, none, [])
    .makespan;
}

/** Makespan with each child costing `o` more than its build. */
function simulate(workspace: ReturnType<typeof workspaceOf>, priority: Priority, o: number): number {
  return makespanOf(workspace, priority, (d) => d + o);
}

/**
 * The same with a real run's noise, seeded: each child's slot cost varies around `o` (±20 ms) and
 * each build by ±2 %; the order is still chosen on the exact estimates.
 */
function simulateNoisy(
  workspace: ReturnType<typeof workspaceOf>,
  priority: Priority,
  o: number,
  seed: number,
): number {
  let state = seed >>> 0;
  const random = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return makespanOf(workspace, priority, (d) =>
    Math.max(0, d * (1 + (random() - 0.5) * 0.04) + (random() - 0.5) * 40 + o),
  );
}

const started = performance.now();
for (const [count, layers] of [
  [20, 4],
  [50, 6],
  [100, 8],
  [200, 10],
] as const) {
  for (const o of [0, 60]) {
    const names = [
      ...Object.keys(PRIORITIES),
      TUNED,
      `${TUNED}, noisy run`,
      'critical-path-first, noisy run',
    ];
    const ratios = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let seed = 1; seed <= SEEDS; seed++) {
      const packages = syntheticMonorepo(count, layers, seed);
      const bound = lowerBound(packages, N);
      const workspace = workspaceOf(packages);
      for (const [name, priority] of Object.entries(PRIORITIES))
        ratios.get(name)!.push(simulate(workspace, priority, o) / bound);
      ratios.get(TUNED)!.push(simulate(workspace, TUNED, o) / bound);
      ratios.get(`${TUNED}, noisy run`)!.push(simulateNoisy(workspace, TUNED, o, seed) / bound);
      ratios
        .get('critical-path-first, noisy run')!
        .push(simulateNoisy(workspace, PRIORITIES['critical-path-first (bottom levels)']!, o, seed) / bound);
    }
    const base = mean(ratios.get('critical-path-first (bottom levels)')!);
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
  `bench:overhead's sleeping=50 set (bound ${Math.round(bound)} ms), by slot cost per child (tuned for ${SLOT_COST_MS} ms)`,
  ['makespan / bound', ...costs.map((o) => `${o} ms`)],
  [
    [
      'critical-path-first',
      ...costs.map((o) =>
        (simulate(benchWorkspace, PRIORITIES['critical-path-first (bottom levels)']!, o) / bound).toFixed(3),
      ),
    ],
    [TUNED, ...costs.map((o) => (simulate(benchWorkspace, TUNED, o) / bound).toFixed(3))],
  ],
);
const tuneStarted = performance.now();
simulate(benchWorkspace, TUNED, 0);
console.log(`tuning the sleeping=50 set's order: ${(performance.now() - tuneStarted).toFixed(1)} ms`);
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
