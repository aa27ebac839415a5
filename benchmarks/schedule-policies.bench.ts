/**
 * How much the scheduling policy and a fixed per-child slot cost move the makespan (issue 12, fourth
 * pass; docs/architecture/performance.md). Pure simulation, no server: list scheduling on N slots
 * (whenever a slot is free, start the best ready package), on seeded synthetic monorepos
 * (benchmarks/lib/package-sets.ts), each child's slot time = its build + `o`.
 *
 * Prints, per workspace size and slot cost, the mean and 90th percentile of makespan / lower bound
 * over the seeds for each priority, and its ratio to critical-path-first (the app's policy) in the
 * same run; then the benchmark set itself (`syntheticMonorepo(50, 6, 12)`, bench:overhead
 * `sleeping=50`) at slot costs 0–70 ms.
 *
 * Run: `npm run bench:schedule [-- seeds=200]`
 */
import { lowerBound, syntheticMonorepo, type BenchPackage } from './lib/package-sets';
import { printTable } from './lib/stats';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const SEEDS = Number(args.seeds ?? 200);
const N = 4;

/** Per-package figures the priorities are made of (packages are in topological order). */
interface Figures {
  duration: number[];
  bottomLevel: number[];
  /** Own duration + every transitive dependent's. */
  work: number[];
  dependents: number[];
}

function figuresOf(packages: readonly BenchPackage[]): Figures {
  const index = new Map(packages.map((p, i) => [p.name, i]));
  const duration = packages.map((p) => p.estimatedDurationMs);
  const direct: number[][] = packages.map(() => []);
  packages.forEach((p, v) => (p.dependencies ?? []).forEach((d) => direct[index.get(d)!]!.push(v)));
  const bottomLevel: number[] = [];
  const below: Array<Set<number>> = [];
  for (let v = packages.length - 1; v >= 0; v--) {
    bottomLevel[v] = duration[v]! + Math.max(0, ...direct[v]!.map((w) => bottomLevel[w]!));
    const all = new Set<number>();
    for (const w of direct[v]!) {
      all.add(w);
      for (const x of below[w]!) all.add(x);
    }
    below[v] = all;
  }
  return {
    duration,
    bottomLevel,
    work: packages.map((_, v) => duration[v]! + [...below[v]!].reduce((sum, w) => sum + duration[w]!, 0)),
    dependents: below.map((s) => s.size),
  };
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

/** Makespan of list scheduling with `priority` (ties: first ready first), each child costing `o` more. */
function simulate(packages: readonly BenchPackage[], priority: (v: number) => number, o: number): number {
  const index = new Map(packages.map((p, i) => [p.name, i]));
  const dependents: number[][] = packages.map(() => []);
  const missing = packages.map((p) => (p.dependencies ?? []).length);
  packages.forEach((p, v) => (p.dependencies ?? []).forEach((d) => dependents[index.get(d)!]!.push(v)));
  const readyAt: number[] = [];
  let sequence = 0;
  const ready: number[] = [];
  packages.forEach((_, v) => {
    if (missing[v] === 0) {
      ready.push(v);
      readyAt[v] = sequence++;
    }
  });
  const running: Array<{ end: number; v: number }> = [];
  let now = 0;
  let done = 0;
  while (done < packages.length) {
    ready.sort((a, b) => priority(b) - priority(a) || readyAt[a]! - readyAt[b]!);
    while (running.length < N && ready.length > 0) {
      const v = ready.shift()!;
      running.push({ end: now + o + packages[v]!.estimatedDurationMs, v });
    }
    running.sort((a, b) => a.end - b.end);
    now = running[0]!.end;
    while (running.length > 0 && running[0]!.end === now) {
      const { v } = running.shift()!;
      done++;
      for (const w of dependents[v]!) {
        if (--missing[w]! === 0) {
          ready.push(w);
          readyAt[w] = sequence++;
        }
      }
    }
  }
  return now;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const p90 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(0.9 * values.length)]!;

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
      const figures = figuresOf(packages);
      for (const [name, priority] of Object.entries(PRIORITIES))
        ratios.get(name)!.push(simulate(packages, (v) => priority(figures, v), o) / bound);
    }
    const base = mean(ratios.get('critical-path-first (the app)')!);
    printTable(
      `${count} packages, ${layers} layers, ${SEEDS} seeds, N = ${N}, slot cost ${o} ms a child: makespan / lower bound`,
      ['priority', 'mean', 'p90', 'mean makespan vs critical-path-first'],
      [...ratios].map(([name, values]) => [
        name,
        mean(values).toFixed(4),
        p90(values).toFixed(4),
        `${mean(values) / base >= 1 ? '+' : '−'}${Math.abs(100 * (mean(values) / base - 1)).toFixed(2)} %`,
      ]),
    );
  }
}

const benchSet = syntheticMonorepo(50, 6, 12);
const benchFigures = figuresOf(benchSet);
const bound = lowerBound(benchSet, N);
const costs = [0, 30, 40, 50, 60, 70];
printTable(
  `bench:overhead's sleeping=50 set (bound ${Math.round(bound)} ms), critical-path-first, by slot cost per child`,
  ['slot cost per child', ...costs.map((o) => `${o} ms`)],
  [
    [
      'makespan / bound',
      ...costs.map((o) => (simulate(benchSet, (v) => benchFigures.bottomLevel[v]!, o) / bound).toFixed(3)),
    ],
  ],
);
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
