/**
 * Equivalence with a hand-written workflow (issue 12): the compiled PackageBuilder against
 * benchmarks/reference/package-builder.ts, a PackageBuilder written by hand from the milestone-5
 * pseudo-code that imports nothing from src/core or the vendored runtime.
 *
 * One private dev server (the app's flags) and ONE worker process serve both parents (the reference
 * is bundled with the compiled workflows, same task queue, same pollers); both start the same
 * compiled PackageBuild child. On the same packages (default: the 50-package synthetic monorepo of
 * benchmarks/child-overhead.bench.ts, build times × 0.35 so a run takes ~12 s) at N = 4, each
 * parent runs `runs` times, interleaved (the first of each pair alternates). Each run is started
 * straight with the client (no RunMonitor following either) and then checked:
 *  - dependency order and "exactly N" from the parent's history (tests' checkExactlyN): no child
 *    started before its dependencies completed, min(N, eligible) children in flight after every
 *    workflow task;
 *  - the report: the workflow result and the getOrchestrationState answer (per-package statuses,
 *    totals) equal to the compiled run's.
 * Prints per parent the makespans (parent started → completed), median, min–max, median / lower
 * bound, and whether the medians differ by no more than the runs' own spread. Exits 1 when a check
 * fails.
 *
 * Run: `npm run bench:reference [-- runs=5 scale=0.35 n=4 literal=1]` (`literal=1` adds a third
 * parent: the reference awaiting each startChild, as the pseudo-code writes it; its exactly-N
 * shortfalls are expected and reported, its dependency order is checked like the others').
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Client } from '@temporalio/client';
import type { HistoryEventLike } from '../src/main/run-monitor/history-events';
import { checkExactlyN } from '../tests/integration/package-builder/history-check';
import {
  packageBuildDefinition,
  packageBuilderDefinition,
} from '../tests/integration/package-builder/scenario';
import { historyOf, makespans, spreadOf, startBenchApp } from './lib/bench-app';
import { edgeCount, lowerBound, syntheticMonorepo, timeScaled, type BenchPackage } from './lib/package-sets';
import { median, ms, printTable } from './lib/stats';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const RUNS = Number(args.runs ?? 5);
const SCALE = Number(args.scale ?? 0.35);
const N = Number(args.n ?? 4);
const LITERAL = args.literal === '1';
const REFERENCE_FILES = ['package-builder.ts', 'dependency-tracker.ts'];
/** checkExactlyN's message for a checkpoint with the wrong count in flight. */
const EXACTLY_N = /in flight, expected min\(|in flight > .* during the drain/;

interface Parent {
  name: string;
  /** The pseudo-code as written starts one child per round trip: fewer than N in flight is expected. */
  exactlyNExpected: boolean;
  workflowType: string;
  input: (packages: BenchPackage[]) => Record<string, unknown>;
  runs: RunOutcome[];
}

interface RunOutcome {
  workflowId: string;
  makespanMs: number;
  loopMs: number;
  result: unknown;
  /** name → status, from the getOrchestrationState answer after the run. */
  statuses: Record<string, string>;
  totals: unknown;
  /** Dependency-order violations (and anything else the checker finds but exactly-N shortfalls). */
  orderViolations: string[];
  /** Checkpoints with another count in flight than min(N, eligible). */
  exactlyNViolations: string[];
  maxInFlight: number;
  startsChecked: number;
  /** The parent's workflow tasks: how many, and each one's WorkflowTaskStarted → Completed (ms). */
  parentTasks: number[];
}

async function main(): Promise<void> {
  if (!(RUNS >= 1) || !(N >= 1)) throw new Error(`runs and n must be ≥ 1 (got runs=${RUNS}, n=${N})`);
  const packages = timeScaled(syntheticMonorepo(50, 6, 12), SCALE);
  const bound = lowerBound(packages, N);
  const work = packages.reduce((sum, p) => sum + p.estimatedDurationMs, 0);
  const app = await startBenchApp({
    name: 'reference',
    extraWorkflows: async () => {
      const files: Record<string, string> = {};
      for (const file of REFERENCE_FILES)
        files[file] = await readFile(new URL(`./reference/${file}`, import.meta.url), 'utf8');
      return files;
    },
  });
  let failed = false;
  try {
    console.log(
      `packages: ${packages.length}, ${edgeCount(packages)} edges, ${ms(work)} of work (build times × ${SCALE}), ` +
        `lower bound ${ms(bound)} at N = ${N}; Temporal CLI ${app.cliVersion}; load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const childId = app.store.definitions.save({ definition: packageBuildDefinition() }).id;
    const saved = app.store.definitions.save({
      definition: packageBuilderDefinition(childId, { maxConcurrent: N, policy: 'critical-path-first' }),
    });
    const compiled = await app.registry.ensure(app.store.definitions.get(saved.id, saved.version));
    const child = app.registry.loaded().find((w) => w.definitionId === childId);
    if (!compiled || !child) throw new Error('the registry did not load PackageBuilder and PackageBuild');
    const childRef = { workflowType: child.workflowType, taskQueue: child.taskQueue };
    const parents: Parent[] = [
      {
        name: `compiled (${compiled.workflowType})`,
        workflowType: compiled.workflowType,
        input: (p) => ({ packages: p, failures: {} }),
        exactlyNExpected: true,
        runs: [],
      },
      {
        name: 'hand-written reference',
        workflowType: 'PackageBuilderReference',
        input: (p) => ({ packages: p, maxConcurrent: N, child: childRef }),
        exactlyNExpected: true,
        runs: [],
      },
    ];
    if (LITERAL)
      parents.push({
        name: 'reference, awaiting each startChild',
        workflowType: 'PackageBuilderReference',
        input: (p) => ({ packages: p, maxConcurrent: N, child: childRef, awaitEachStart: true }),
        exactlyNExpected: false,
        runs: [],
      });
    // Warm-up: V8, the bundle, the server's caches.
    const warmUp = packages.slice(0, 8).map((p) => ({ ...p, dependencies: [], estimatedDurationMs: 50 }));
    for (const parent of parents) await runOnce(app.client, app.taskQueue, parent, warmUp);

    for (let round = 0; round < RUNS; round++) {
      const order = parents.map((_, i) => parents[(i + round) % parents.length]!);
      for (const parent of order)
        parent.runs.push(await runOnce(app.client, app.taskQueue, parent, packages));
      console.log(
        `round ${round + 1}/${RUNS}: ${order.map((p) => `${p.name} ${ms(p.runs.at(-1)!.makespanMs)}`).join(', ')}; load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
    failed = report(parents, bound);
  } finally {
    await app.close();
  }
  if (failed) process.exitCode = 1;
}

async function runOnce(
  client: Client,
  taskQueue: string,
  parent: Parent,
  packages: BenchPackage[],
): Promise<RunOutcome> {
  const workflowId = `${parent.workflowType.toLowerCase()}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const handle = await client.workflow.start(parent.workflowType, {
    taskQueue,
    workflowId,
    args: [parent.input(packages)],
  });
  const result = await handle.result();
  const state = (await handle.query('getOrchestrationState')) as {
    totals: unknown;
    completed: Array<{ name: string }>;
    failed: Array<{ name: string }>;
    blocked: Array<{ name: string }>;
    active: unknown[];
    queue: string[];
  };
  const statuses: Record<string, string> = {};
  for (const p of packages) statuses[p.name] = 'missing';
  for (const p of state.completed) statuses[p.name] = 'completed';
  for (const p of state.failed) statuses[p.name] = 'failed';
  for (const p of state.blocked) statuses[p.name] = 'blocked';
  const events = await historyOf(client, workflowId, handle.firstExecutionRunId);
  const check = checkExactlyN(
    workflowId,
    [{ events: events.map((e) => e.raw as HistoryEventLike) }],
    packages,
    N,
  );
  const { runMs, loopMs } = makespans(events);
  const parentTasks = events
    .filter((e) => e.type === 7)
    .map((done) => done.at - events.find((e) => e.id === done.id - 1 && e.type === 6)!.at);
  return {
    workflowId,
    makespanMs: runMs,
    loopMs,
    result,
    statuses,
    totals: state.totals,
    orderViolations: check.violations.filter((v) => !EXACTLY_N.test(v)),
    exactlyNViolations: check.violations.filter((v) => EXACTLY_N.test(v)),
    maxInFlight: check.maxInFlight,
    startsChecked: check.startsChecked,
    parentTasks,
  };
}

/** Prints the tables; true when a check failed. */
function report(parents: Parent[], bound: number): boolean {
  const base = parents[0]!;
  let failed = false;
  const problems: string[] = [];
  for (const parent of parents) {
    for (const run of parent.runs) {
      const violations = [...run.orderViolations, ...(parent.exactlyNExpected ? run.exactlyNViolations : [])];
      if (violations.length > 0)
        problems.push(`${parent.name} ${run.workflowId}: ${violations.slice(0, 3).join('; ')}`);
      if (!isDeepStrictEqual(run.result, base.runs[0]!.result))
        problems.push(
          `${parent.name} ${run.workflowId}: result ${JSON.stringify(run.result)} ≠ ${JSON.stringify(base.runs[0]!.result)}`,
        );
      if (!isDeepStrictEqual(run.statuses, base.runs[0]!.statuses))
        problems.push(`${parent.name} ${run.workflowId}: package statuses differ from the compiled run's`);
      if (!isDeepStrictEqual(pickTotals(run.totals), pickTotals(base.runs[0]!.totals)))
        problems.push(
          `${parent.name} ${run.workflowId}: totals ${JSON.stringify(run.totals)} ≠ ${JSON.stringify(base.runs[0]!.totals)}`,
        );
    }
  }
  printTable(
    `Compiled PackageBuilder and the hand-written reference, ${base.runs.length} interleaved runs each, N = ${N}, lower bound ${ms(bound)}`,
    [
      'parent',
      'makespans (run order)',
      'median',
      'min–max (spread)',
      'median / bound',
      'package loop median',
      'parent workflow tasks per run (median run time)',
      'dependency-order violations',
      'exactly-N violations',
      'max in flight',
      'report = compiled',
    ],
    parents.map((p) => {
      const values = p.runs.map((r) => r.makespanMs);
      const s = spreadOf(values);
      const same = p.runs.every(
        (r) =>
          isDeepStrictEqual(r.result, base.runs[0]!.result) &&
          isDeepStrictEqual(r.statuses, base.runs[0]!.statuses),
      );
      return [
        p.name,
        values.map((v) => (v / 1000).toFixed(2)).join(', ') + ' s',
        ms(median(values)),
        `${ms(s.min)}–${ms(s.max)} (${ms(s.width)})`,
        (median(values) / bound).toFixed(3),
        ms(median(p.runs.map((r) => r.loopMs))),
        `${median(p.runs.map((r) => r.parentTasks.length))} (${ms(median(p.runs.flatMap((r) => r.parentTasks)))})`,
        String(p.runs.reduce((sum, r) => sum + r.orderViolations.length, 0)),
        `${p.runs.reduce((sum, r) => sum + r.exactlyNViolations.length, 0)}${p.exactlyNExpected ? '' : ' (expected)'}`,
        String(Math.max(...p.runs.map((r) => r.maxInFlight))),
        same ? 'yes' : 'NO',
      ];
    }),
  );
  const baseValues = base.runs.map((r) => r.makespanMs);
  for (const other of parents.slice(1)) {
    const values = other.runs.map((r) => r.makespanMs);
    const diff = median(values) - median(baseValues);
    const spread = Math.min(spreadOf(values).width, spreadOf(baseValues).width);
    const within = Math.abs(diff) <= spread;
    console.log(
      `\n${other.name} − compiled: medians differ by ${diff >= 0 ? '+' : '−'}${ms(Math.abs(diff))} ` +
        `(${((100 * diff) / median(baseValues)).toFixed(1)} %); the smaller of the two spreads is ${ms(spread)}: ` +
        `${within ? 'within the spread' : 'NOT within the spread'}`,
    );
    if (!within && other === parents[1]) failed = true;
  }
  if (problems.length > 0) {
    failed = true;
    console.log(`\n${problems.length} check(s) failed:\n- ${problems.slice(0, 20).join('\n- ')}`);
  } else {
    console.log(
      "\nEvery run: dependency order and exactly-N held; result and package statuses equal the compiled run's.",
    );
  }
  return failed;
}

/** The totals both parents report (the compiled one also counts skipped packages). */
function pickTotals(totals: unknown): unknown {
  const t = totals as Record<string, number>;
  return {
    packages: t.packages,
    completed: t.completed,
    failed: t.failed,
    blocked: t.blocked,
    active: t.active,
    queued: t.queued,
    pending: t.pending,
  };
}

await main();
