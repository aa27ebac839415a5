/**
 * Benchmarks of the dependency graph engine (src/core/graph) against @dagrejs/graphlib, on the
 * fixed seeded layered DAGs of the issue. Prints Markdown tables (no asserts): paste them into
 * docs/architecture/dependency-graph-engine.md. Run with `npm run bench`.
 */
import { Graph, alg } from '@dagrejs/graphlib';
import { DependencyGraph, ReadyTracker, simulateSchedule } from '../src/core/graph';
import type { SchedulingPolicy } from '../src/core/graph';
import { EventQueue } from './lib/event-queue';
import { obtainGc } from './lib/gc';
import type { LayeredDag } from './lib/layered-dag';
import { layeredDag } from './lib/layered-dag';
import { max, mean, median, ms, printTable, ratio } from './lib/stats';

const SIZES = [100, 1_000, 10_000, 100_000];
const seedsFor = (n: number): number[] => range(1, n >= 100_000 ? 5 : 100);
/** Recomputing ready sets from scratch is O(V·(V+E)) per run: a few seeds are enough to show it. */
const recomputeSeedsFor = (n: number): number[] =>
  n >= 100_000 ? [] : n >= 10_000 ? range(1, 3) : seedsFor(n);
const SLOTS = 8; // parallel slots of the simulated whole run

const { gc, source: gcSource } = obtainGc();

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function buildOurs(dag: LayeredDag): DependencyGraph {
  const g = new DependencyGraph();
  for (const name of dag.names) g.addNode(name);
  for (const [from, to] of dag.edges) g.addDependency(dag.nameOf[from]!, dag.nameOf[to]!);
  return g;
}

/** Build + cycle check + topological sort with the engine. */
function oursBuildCheckSort(dag: LayeredDag): void {
  const g = buildOurs(dag);
  if (g.detectCycles().length > 0) throw new Error('generated graph has a cycle');
  if (g.topologicalSort().length !== dag.names.length) throw new Error('bad sort');
}

function buildGraphlib(dag: LayeredDag): Graph {
  const g = new Graph();
  for (const name of dag.names) g.setNode(name);
  // graphlib edges point in execution order: dependency → dependent.
  for (const [from, to] of dag.edges) g.setEdge(dag.nameOf[to]!, dag.nameOf[from]!);
  return g;
}

/**
 * The same with graphlib (alg.findCycles + alg.topsort). Returns the time (NaN when its recursion
 * overflows the stack) and the graph, reused for the critical-path baseline.
 */
function graphlibBuildCheckSort(dag: LayeredDag): { ms: number; graph: Graph | undefined } {
  let graph: Graph | undefined;
  try {
    const elapsed = time(() => {
      graph = buildGraphlib(dag);
      if (alg.findCycles(graph).length > 0) throw new Error('generated graph has a cycle');
      if (alg.topsort(graph).length !== dag.names.length) throw new Error('bad sort');
    });
    return { ms: elapsed, graph };
  } catch (error) {
    if (error instanceof RangeError) return { ms: NaN, graph: undefined }; // "Maximum call stack size exceeded"
    throw error;
  }
}

/**
 * graphlib's cheapest equivalent: build + alg.topsort alone, which throws on a cycle (so it is the
 * cycle check too, without naming the cycle). NaN when its recursion overflows the stack.
 */
function graphlibBuildTopsort(dag: LayeredDag): number {
  try {
    return time(() => {
      const graph = buildGraphlib(dag);
      if (alg.topsort(graph).length !== dag.names.length) throw new Error('bad sort');
    });
  } catch (error) {
    if (error instanceof RangeError) return NaN;
    throw error;
  }
}

function durationsOf(dag: LayeredDag): Map<string, number> {
  return new Map(dag.nameOf.map((name, i) => [name, dag.durationsMs[i]!]));
}

/**
 * A whole simulated run on SLOTS slots (event-driven, real durations) where ready packages come
 * from `takeReady` after every completion. Returns the makespan as a sanity check.
 */
function simulatedRun(
  durations: Map<string, number>,
  onComplete: (pkg: string) => void,
  takeReady: () => string | undefined,
): number {
  const events = new EventQueue();
  let now = 0;
  let running = 0;
  for (;;) {
    let pkg: string | undefined;
    while (running < SLOTS && (pkg = takeReady()) !== undefined) {
      events.push(now + durations.get(pkg)!, pkg);
      running++;
    }
    if (events.size === 0) return now;
    now = events.peekTime();
    onComplete(events.pop());
    running--;
  }
}

function trackerRun(g: DependencyGraph, durations: Map<string, number>, policy: SchedulingPolicy): number {
  const tracker = new ReadyTracker(g, { durations });
  simulatedRun(
    durations,
    (pkg) => tracker.complete(pkg),
    () => tracker.nextReady(policy),
  );
  if (tracker.counts().completed !== g.size) throw new Error('tracker run did not complete');
  return tracker.counts().completed;
}

/** The naive way: after every completion, recompute the ready set from scratch. */
function recomputeRun(g: DependencyGraph, durations: Map<string, number>): number {
  const completed = new Set<string>();
  const started = new Set<string>();
  let queue: string[] = [];
  simulatedRun(
    durations,
    (pkg) => {
      completed.add(pkg);
      queue = g.getReadyNodes(completed).filter((name) => !started.has(name));
    },
    () => {
      if (queue.length === 0 && started.size === 0) queue = g.getReadyNodes(completed);
      const pkg = queue.shift();
      if (pkg !== undefined) started.add(pkg);
      return pkg;
    },
  );
  if (completed.size !== g.size) throw new Error('recompute run did not complete');
  return completed.size;
}

/** Longest weighted path with graphlib: alg.topsort, then a DP over successors. */
function graphlibCriticalPath(g: Graph, durations: Map<string, number>): number {
  const order = alg.topsort(g);
  const level = new Map<string, number>();
  let best = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    let after = 0;
    for (const w of g.successors(v) ?? []) after = Math.max(after, level.get(w)!);
    const l = durations.get(v)! + after;
    level.set(v, l);
    best = Math.max(best, l);
  }
  return best;
}

interface SizeResult {
  n: number;
  seeds: number;
  edges: number[];
  ours: number[];
  graphlib: number[];
  graphlibTopsort: number[];
  tracker: number[];
  recompute: number[];
  cpOurs: number[];
  cpGraphlib: number[];
}

/**
 * Measures one size over its seeds. No forced GC between timings: a forced full GC shrinks V8's
 * young generation and makes the next few milliseconds of allocation several times slower, which
 * would measure the collector rather than the code.
 */
function measureSize(n: number, seeds: readonly number[], recomputeSeeds: readonly number[]): SizeResult {
  const r: SizeResult = {
    n,
    seeds: seeds.length,
    edges: [],
    ours: [],
    graphlib: [],
    graphlibTopsort: [],
    tracker: [],
    recompute: [],
    cpOurs: [],
    cpGraphlib: [],
  };
  for (const seed of seeds) {
    const dag = layeredDag(n, seed);
    const durations = durationsOf(dag);
    r.edges.push(dag.edges.length);
    r.ours.push(time(() => oursBuildCheckSort(dag)));
    const baseline = graphlibBuildCheckSort(dag);
    r.graphlib.push(baseline.ms);
    r.graphlibTopsort.push(graphlibBuildTopsort(dag));
    const g = buildOurs(dag);
    r.tracker.push(time(() => trackerRun(g, durations, 'critical-path-first')));
    if (recomputeSeeds.includes(seed)) r.recompute.push(time(() => recomputeRun(g, durations)));
    // The same work on both sides: from a built graph, compute an order and the longest path. A
    // fresh graph, because `g` has cached its topological order by now (graphlib's side recomputes it).
    const fresh = buildOurs(dag);
    r.cpOurs.push(time(() => fresh.criticalPath(durations)));
    const gl = baseline.graph;
    r.cpGraphlib.push(gl ? time(() => graphlibCriticalPath(gl, durations)) : NaN);
  }
  return r;
}

function warmUp(): void {
  for (const seed of range(101, 104)) measureSize(1_000, [seed], [seed]);
}

/**
 * Heap retained by a 100-package graph with its snapshot, a tracker mid-run, the critical path and
 * the JSON form: 100 such sets are kept alive at once and the difference divided by 100, which
 * averages out the noise of a single measurement.
 */
function heapOf100PackageGraph(): { perGraphMb: number; totalMb: number } {
  const dags = range(1, 100).map((seed) => layeredDag(100, seed));
  const durations = dags.map(durationsOf);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = dags.map((dag, i) => {
    const g = buildOurs(dag);
    const tracker = new ReadyTracker(g, { durations: durations[i]! });
    tracker.nextReady();
    return [g, tracker, g.criticalPath(durations[i]!), g.topologicalSort(), g.toJSON()];
  });
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== dags.length) throw new Error('unreachable'); // keeps `kept` alive until here
  return { perGraphMb: (after - before) / dags.length / 2 ** 20, totalMb: after / 2 ** 20 };
}

function schedulingTable(): void {
  const rows: string[][] = [];
  for (const slots of [1, 4, 8]) {
    const fifo: number[] = [];
    const cp: number[] = [];
    const cpOverFifo: number[] = [];
    for (const seed of range(1, 100)) {
      const dag = layeredDag(100, seed);
      const g = buildOurs(dag);
      const durations = durationsOf(dag);
      const f = simulateSchedule(g, durations, slots, 'fifo');
      const c = simulateSchedule(g, durations, slots, 'critical-path-first');
      fifo.push(f.ratio);
      cp.push(c.ratio);
      cpOverFifo.push(c.makespan / f.makespan);
    }
    const cpLosses = cpOverFifo.filter((x) => x > 1.01).length;
    rows.push([
      `N = ${slots}`,
      mean(fifo).toFixed(3),
      max(fifo).toFixed(3),
      mean(cp).toFixed(3),
      max(cp).toFixed(3),
      mean(cpOverFifo).toFixed(3),
      max(cpOverFifo).toFixed(3),
      `${cpLosses} / 100`,
    ]);
  }
  printTable(
    'Scheduling: makespan / lower bound, 100 seeded 100-package DAGs (lower bound = max(critical path, total / N))',
    [
      'slots',
      'FIFO mean',
      'FIFO max',
      'CP-first mean',
      'CP-first max',
      'CP/FIFO mean',
      'CP/FIFO worst',
      'CP loses by > 1 %',
    ],
    rows,
  );
}

function main(): void {
  const started = performance.now();
  console.log(`# Dependency graph engine benchmark`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, gc: ${gcSource}`);
  warmUp();
  const results = SIZES.map((n) => measureSize(n, seedsFor(n), recomputeSeedsFor(n)));
  printTable(
    'Build + cycle check + topological sort (median over seeds)',
    [
      'packages',
      'seeds',
      'edges (median)',
      'engine',
      'graphlib findCycles + topsort',
      'speed-up',
      'graphlib topsort alone (throws on a cycle)',
      'speed-up',
    ],
    results.map((r) => [
      String(r.n),
      String(r.seeds),
      String(Math.round(median(r.edges))),
      ms(median(r.ours)),
      ms(median(r.graphlib)),
      ratio(median(r.graphlib) / median(r.ours)),
      ms(median(r.graphlibTopsort)),
      ratio(median(r.graphlibTopsort) / median(r.ours)),
    ]),
  );
  printTable(
    `Whole simulated run, ${SLOTS} slots (median): incremental ReadyTracker vs getReadyNodes recomputed after every completion`,
    ['packages', 'tracker', 'recompute', 'recompute seeds', 'speed-up'],
    results.map((r) => [
      String(r.n),
      ms(median(r.tracker)),
      ms(median(r.recompute)),
      r.recompute.length ? String(r.recompute.length) : 'skipped (O(V²))',
      ratio(median(r.recompute) / median(r.tracker)),
    ]),
  );
  printTable(
    'Critical path from a built graph, order included on both sides (median)',
    ['packages', 'engine (snapshot + order + DP)', 'graphlib topsort + DP', 'speed-up'],
    results.map((r) => [
      String(r.n),
      ms(median(r.cpOurs)),
      ms(median(r.cpGraphlib)),
      ratio(median(r.cpGraphlib) / median(r.cpOurs)),
    ]),
  );
  const heap = heapOf100PackageGraph();
  const milestone = milestoneFloor();
  const at10k = results.find((r) => r.n === 10_000)!;
  printTable(
    'Targets',
    ['target', 'measured', 'met'],
    [
      [
        '10k build+check+sort ≥ 10× graphlib',
        ratio(median(at10k.graphlib) / median(at10k.ours)),
        yes(median(at10k.graphlib) / median(at10k.ours) >= 10),
      ],
      ['10k build+check+sort < 50 ms', ms(median(at10k.ours)), yes(median(at10k.ours) < 50)],
      [
        '10k whole run through the tracker < 50 ms',
        ms(median(at10k.tracker)),
        yes(median(at10k.tracker) < 50),
      ],
      [
        'heap for a 100-package graph ≪ 50 MB',
        `${(heap.perGraphMb * 1024).toFixed(1)} KB retained per graph (process heap ${heap.totalMb.toFixed(1)} MB)`,
        yes(heap.perGraphMb < 5),
      ],
      [
        'milestone: 50 packages build+check+sort < 100 ms (worst of 100 seeds)',
        ms(milestone.build50),
        yes(milestone.build50 < 100),
      ],
      [
        'milestone: 100 packages whole run < 200 ms (worst of 100 seeds)',
        ms(milestone.run100),
        yes(milestone.run100 < 200),
      ],
      [
        'milestone: ready calculation < 50 ms (getReadyNodes from scratch, 10k packages)',
        ms(milestone.ready10k),
        yes(milestone.ready10k < 50),
      ],
    ],
  );
  schedulingTable();
  console.log(`\nTotal bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function yes(ok: boolean): string {
  return ok ? 'yes' : '**NO**';
}

function milestoneFloor(): { build50: number; run100: number; ready10k: number } {
  const build50 = max(
    range(1, 100).map((seed) => {
      const dag = layeredDag(50, seed);
      return time(() => oursBuildCheckSort(dag));
    }),
  );
  const run100 = max(
    range(1, 100).map((seed) => {
      const dag = layeredDag(100, seed);
      const g = buildOurs(dag);
      const durations = durationsOf(dag);
      return time(() => trackerRun(g, durations, 'critical-path-first'));
    }),
  );
  const dag = layeredDag(10_000, 1);
  const g = buildOurs(dag);
  const half = g.topologicalSort().slice(0, 5_000);
  const ready10k = median(range(1, 20).map(() => time(() => g.getReadyNodes(half))));
  return { build50, run100, ready10k };
}

main();
