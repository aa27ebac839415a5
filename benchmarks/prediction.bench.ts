/**
 * Predictions (issue 12): the what-if prediction — the schedule simulation fed by build history —
 * against the actual makespan of the next run.
 *
 * The app's own path on a private dev server (benchmarks/lib/bench-app.ts): the launcher starts the
 * run, the RunMonitor follows it and, at close, records each package's build in the store's build
 * history: the parent's view (child started → child completed, as the query reports it) and the
 * build's own time (the child's result, read from the parent's history). For
 * the demo monorepo (examples/package-builder.json, loaded as the app loads it) and the 50-package
 * synthetic monorepo (build times × `scale`), each:
 *  1. run 1 at N = `n1`;
 *  2. the prediction for run 2's N = `n2`: what the launcher feeds the next run and the run page its
 *     what-if (historyEstimates: build time + one median per-child overhead when the history has
 *     build times) → simulateSchedule at n2 with the loop's policy, as the run page does; next to
 *     it, the same simulation fed what the app fed before (medians of the parent-observed
 *     durations) and fed the declared estimates only;
 *  3. run 2 at n2 (`maxConcurrent` input), its actual makespans from the parent's history: the package
 *     loop (first child start → last child completion, what the simulation models) and the whole run;
 *     the simulation replayed with run 2's own build times tells the model's error from the input's.
 * Prints predicted vs actual and the error, and whether it is within 10 %. Exits 1 when the app's
 * prediction is not.
 *
 * Run: `npm run bench:prediction [-- n1=4 n2=3 scale=0.35 sets=demo,synthetic-50 warmup=1]`
 * (`warmup=1`: a short run of the synthetic definition first, so its run 1 meets a warm worker).
 */
import { loadavg } from 'node:os';
import { WorkflowDefinitionSchema } from '../src/core/definition';
import {
  DependencyGraphDataSchema,
  graphOptionsOf,
} from '../src/core/definition/node-kinds/dependency-graph';
import { DependencyGraph, estimateDurations, simulateSchedule } from '../src/core/graph';
import type { StoredDefinition } from '../src/core/ipc';
import { estimatesFromHistory } from '../src/core/run-status';
import { loadExample } from '../src/main/examples/example-library';
import {
  ESTIMATE_HISTORY_LIMIT,
  historyEstimates,
  historyWorkspace,
} from '../src/main/workflow-runtime/history-estimates';
import {
  packageBuildDefinition,
  packageBuilderDefinition,
} from '../tests/integration/package-builder/scenario';
import { historyOf, makespans, startBenchApp, type BenchApp } from './lib/bench-app';
import { syntheticMonorepo, timeScaled } from './lib/package-sets';
import { ms, printTable } from './lib/stats';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const N1 = Number(args.n1 ?? 4);
const N2 = Number(args.n2 ?? 3);
const SCALE = Number(args.scale ?? 0.35);
const SETS = (args.sets ?? 'demo,synthetic-50').split(',');
/** `warmup=1`: one small run of the synthetic definition before its run 1 (a warm worker). */
const WARMUP = args.warmup === '1';
const TOLERANCE = 0.1;

interface Subject {
  name: string;
  definition: StoredDefinition;
  graph: DependencyGraph;
  input: Record<string, unknown>;
  /** A short run of the same definition (other package names) that warms the worker up. */
  warmUp?: Record<string, unknown>;
}

interface Outcome {
  subject: string;
  /** What the app predicts: the launcher's estimates (build time + one median per-child overhead). */
  predictedMs: number;
  /** What the app predicted before build times were recorded: medians of the parent-observed durations. */
  observedMs: number;
  /** The same simulation with the declared estimates only (what the Run dialog shows before any history). */
  declaredMs: number;
  /** The simulation replayed with run 2's own parent-observed build times: the model's own error. */
  replayedMs: number;
  loopMs: number;
  runMs: number;
  /** Median of (parent-observed − the build activity's own time) per child, in run 1 and run 2. */
  overheadMs: [number, number];
}

async function main(): Promise<void> {
  for (const [name, value] of [
    ['n1', N1],
    ['n2', N2],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a whole number ≥ 1, got ${value}`);
  const unknown = SETS.filter((s) => s !== 'demo' && s !== 'synthetic-50');
  if (unknown.length > 0) throw new Error(`unknown set(s) ${unknown.join(', ')}; known: demo, synthetic-50`);
  const app = await startBenchApp({ name: 'prediction' });
  const outcomes: Outcome[] = [];
  try {
    console.log(
      `N: run 1 at ${N1}, run 2 at ${N2}; Temporal CLI ${app.cliVersion}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const set of SETS) {
      const subject = set === 'demo' ? demoSubject(app) : syntheticSubject(app);
      outcomes.push(await predictAndRun(app, subject));
      console.log(`${subject.name} done; load average ${loadavg()[0]!.toFixed(2)}`);
    }
  } finally {
    await app.close();
  }
  printTable(
    `What-if prediction for run 2 at N = ${N2} after run 1 at N = ${N1}${WARMUP ? ' (synthetic: warm-up run first)' : ''}: the package loop (first child start → last child completion)`,
    [
      'workspace',
      'actual (whole run)',
      'predicted by the app: build time + median per-child overhead',
      'error',
      `within ${TOLERANCE * 100} %`,
      'before: observed medians',
      'error',
      `within ${TOLERANCE * 100} %`,
      'declared estimates only',
      "replay of run 2's own build times",
      'per-child overhead, run 1 / run 2 (median)',
    ],
    outcomes.map((o) => [
      o.subject,
      `${ms(o.loopMs)} (${ms(o.runMs)})`,
      ms(o.predictedMs),
      percent(o.loopMs, o.predictedMs),
      within(o.loopMs, o.predictedMs) ? 'yes' : 'NO',
      ms(o.observedMs),
      percent(o.loopMs, o.observedMs),
      within(o.loopMs, o.observedMs) ? 'yes' : 'NO',
      `${ms(o.declaredMs)} (${percent(o.loopMs, o.declaredMs)})`,
      `${ms(o.replayedMs)} (${percent(o.loopMs, o.replayedMs)})`,
      `${ms(o.overheadMs[0])} / ${ms(o.overheadMs[1])}`,
    ]),
  );
  if (outcomes.some((o) => !within(o.loopMs, o.predictedMs))) process.exitCode = 1;
}

/** The app's demo: examples/package-builder.json and its child, loaded as the Welcome card loads them. */
function demoSubject(app: BenchApp): Subject {
  const loaded = loadExample(app.store, 'package-builder');
  const summary = loaded.definitions.find((d) => d.name === 'PackageBuilder');
  if (!summary) throw new Error('the package-builder example has no PackageBuilder definition');
  const definition = app.store.definitions.get(summary.id);
  const parsed = WorkflowDefinitionSchema.parse(definition.definition);
  const graphNode = parsed.nodes.find((n) => n.kind === 'dependencyGraph');
  const data = DependencyGraphDataSchema.parse(graphNode?.data);
  if (data.source.type !== 'inline') throw new Error('the demo graph is expected inline');
  const { graph, diagnostics } = DependencyGraph.analyzePackages(data.source.packages, graphOptionsOf(data));
  if (diagnostics.length > 0) throw new Error(`demo graph: ${diagnostics[0]!.message}`);
  return { name: `demo monorepo (${graph.size} packages)`, definition, graph, input: { failures: {} } };
}

/** The 50-package synthetic monorepo through a PackageBuilder whose packages are a run input. */
function syntheticSubject(app: BenchApp): Subject {
  const packages = timeScaled(syntheticMonorepo(50, 6, 12), SCALE);
  const childId = app.store.definitions.save({ definition: packageBuildDefinition() }).id;
  const saved = app.store.definitions.save({
    definition: packageBuilderDefinition(childId, { maxConcurrent: N1, policy: 'critical-path-first' }),
  });
  return {
    name: `synthetic, 50 packages (× ${SCALE})`,
    definition: app.store.definitions.get(saved.id, saved.version),
    graph: DependencyGraph.fromPackages(packages),
    input: { packages, failures: {} },
    warmUp: {
      packages: Array.from({ length: 8 }, (_, i) => ({ name: `warm-up-${i}`, estimatedDurationMs: 50 })),
      failures: {},
    },
  };
}

async function predictAndRun(app: BenchApp, subject: Subject): Promise<Outcome> {
  if (WARMUP && subject.warmUp) await runToEnd(app, subject, { ...subject.warmUp, maxConcurrent: N1 });
  await runToEnd(app, subject, { ...subject.input, maxConcurrent: N1 });
  const names = subject.graph.nodes().map((n) => n.name);
  const samples = app.store.packageBuilds.buildSamples(
    subject.definition.id,
    names,
    ESTIMATE_HISTORY_LIMIT,
    historyWorkspace(subject.input),
  );
  if (samples.size !== subject.graph.size)
    throw new Error(`history has ${samples.size} packages after run 1, expected ${subject.graph.size}`);
  const untimed = [...samples].filter(([, s]) => s[0]!.buildMs === null).map(([n]) => n);
  if (untimed.length > 0)
    throw new Error(`run 1 recorded no build time for ${untimed.slice(0, 5).join(', ')}`);
  // What the launcher feeds the next run (and the run page its what-if): the app's own function.
  const estimates = historyEstimates(
    app.store.packageBuilds,
    subject.definition.id,
    historyWorkspace(subject.input),
    names,
  );
  const predictedMs = simulateSchedule(subject.graph, estimates, N2).makespan;
  const overhead1 = estimatesFromHistory(samples).overheadMs;
  // What the app fed before build times were recorded: medians of the parent-observed durations.
  const observed = app.store.packageBuilds.durationHistory(
    subject.definition.id,
    names,
    ESTIMATE_HISTORY_LIMIT,
  );
  const observedMs = simulateSchedule(subject.graph, estimateDurations(subject.graph, observed), N2).makespan;
  const declaredMs = simulateSchedule(subject.graph, undefined, N2).makespan;

  const second = await runToEnd(app, subject, { ...subject.input, maxConcurrent: N2 });
  const newest = app.store.packageBuilds.buildSamples(subject.definition.id, names, 1);
  const own = new Map([...newest].map(([name, [s]]) => [name, s!.observedMs]));
  const replayedMs = simulateSchedule(subject.graph, own, N2).makespan;
  const overhead2 = estimatesFromHistory(newest).overheadMs;
  return {
    subject: subject.name,
    predictedMs,
    observedMs,
    declaredMs,
    replayedMs,
    loopMs: second.loopMs,
    runMs: second.runMs,
    overheadMs: [overhead1, overhead2],
  };
}

async function runToEnd(
  app: BenchApp,
  subject: Subject,
  input: Record<string, unknown>,
): Promise<{ loopMs: number; runMs: number }> {
  const record = await app.launcher.start(subject.definition, input);
  await app.monitor.settled(record.workflowId);
  const status = app.store.runs.get(record.workflowId).status;
  if (status !== 'completed') throw new Error(`${subject.name}: run ${record.workflowId} ended ${status}`);
  return makespans(await historyOf(app.client, record.workflowId, record.runId));
}

function within(actual: number, predicted: number): boolean {
  return Math.abs(actual / predicted - 1) <= TOLERANCE;
}

function percent(actual: number, predicted: number): string {
  const e = (100 * (actual - predicted)) / predicted;
  return `${e >= 0 ? '+' : ''}${e.toFixed(1)} %`;
}

await main();
