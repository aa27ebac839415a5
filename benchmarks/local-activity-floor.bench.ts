/**
 * The floor under one child's workflow task (issue 12: "where every remaining millisecond of one child
 * goes"). A worker with the SDK's defaults on a private dev server (the app's dynamic config) runs,
 * one at a time and interleaved by round:
 *
 * - `empty`: a workflow whose one task completes it;
 * - `noop LA`: a workflow whose task runs one local activity that returns at once;
 * - `buildPackage LA`: the same with the app's own `buildPackage` (simulated, 0 ms: input checked,
 *   the build's log written), as PackageBuilder's children run short builds;
 * - `app child`: the app's compiled PackageBuild child (examples/package-build.json, through the
 *   WorkflowRegistry: compiled project, vendored runtime, the app's bundle) with a short build, on
 *   the same kind of worker (SDK defaults, in this process);
 * - `app child, app worker`: the same bundle on the app's own forked worker process (WorkerHost,
 *   the app's worker options), as a run's children are served.
 *
 * So the steps from `buildPackage LA` to `app child` are what the compiled child and its bundle
 * add, and from there to `app child, app worker` what the app's worker process and settings add.
 * It prints, per subject, the median of the workflow task's own time (started → completed, server
 * timestamps) and of start → result at the client, with ratios against `empty` measured in the same
 * run. Not a CI test. Run: `npm run bench:la-floor [-- --rounds 3 --runs 30]`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../src/main/activities';
import { startBenchApp } from './lib/bench-app';
import { median } from './lib/stats';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, runs: { type: 'string', default: '30' } },
});
const rounds = Number(values.rounds);
const runs = Number(values.runs);
const SUBJECTS = {
  empty: 'emptyWorkflow',
  'noop LA': 'noopLocalActivityWorkflow',
  'buildPackage LA': 'buildPackageLocalWorkflow',
  'app child': 'PackageBuild_v1',
  'app child, app worker': 'PackageBuild_v1',
} as const;
type Subject = keyof typeof SUBJECTS;

const millis = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number =>
  Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

// A private dev server with the app's flags, and the app's WorkflowRegistry and forked worker
// process on it (benchmarks/lib/bench-app.ts).
const app = await startBenchApp({ name: 'la-floor' });
try {
  const { client } = app;
  const taskQueue = `la-floor-${process.pid}`;
  const dataDir = join(app.root, 'data');
  const connection = await NativeConnection.connect({ address: app.address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./lib/local-activity-floor.workflows.ts', import.meta.url)),
    activities: {
      noop: async () => 1,
      buildPackage: createActivities({ dataDir }).buildPackage,
    },
  });
  // The app's compiled child, bundled as the app bundles it; served by a worker like the one
  // above on its own queue, and by the app's forked worker process on the registry's queue.
  const childDefinition = JSON.parse(
    readFileSync(fileURLToPath(new URL('../examples/package-build.json', import.meta.url)), 'utf8'),
  ) as unknown;
  const saved = app.store.definitions.save({ definition: childDefinition });
  const registered = await app.registry.ensure(app.store.definitions.get(saved.id));
  if (!registered) throw new Error('the app child did not compile');
  const appSdkQueue = `${taskQueue}-app`;
  const appWorker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: appSdkQueue,
    workflowBundle: { codePath: app.registry.bundle()!.path },
    activities: createActivities({ dataDir }),
  });
  const queueOf: Record<Subject, string> = {
    empty: taskQueue,
    'noop LA': taskQueue,
    'buildPackage LA': taskQueue,
    'app child': appSdkQueue,
    'app child, app worker': registered.taskQueue,
  };
  const argsOf = (subject: Subject, workflowId: string, i: number): unknown[] => {
    if (subject === 'empty' || subject === 'noop LA') return [];
    if (subject === 'buildPackage LA') return [workflowId, `pkg-${i}`];
    // A short build (expected 0 ms), simulated for 0 ms: the child runs it as a local activity.
    return [
      {
        runId: workflowId,
        packageName: `pkg-${i}`,
        attempt: 1,
        simulatedDurationMs: 0,
        expectedDurationMs: 0,
      },
    ];
  };
  const running = Promise.all([worker.run(), appWorker.run()]);
  const task = new Map<Subject, number[]>();
  const total = new Map<Subject, number[]>();
  try {
    for (let round = 0; round < rounds; round++) {
      const order = Object.keys(SUBJECTS) as Subject[];
      if (round % 2 === 1) order.reverse();
      for (const subject of order) {
        for (let i = 0; i < runs; i++) {
          const workflowId = `${taskQueue}-${round}-${subject.replace(/\W/g, '')}-${i}`;
          const started = performance.now();
          const handle = await client.workflow.start(SUBJECTS[subject], {
            taskQueue: queueOf[subject],
            workflowId,
            args: argsOf(subject, workflowId, i),
          });
          await handle.result();
          const took = performance.now() - started;
          const events = (await handle.fetchHistory()).events ?? [];
          const wftStarted = events.find((e) => e.workflowTaskStartedEventAttributes);
          const wftCompleted = events.find((e) => e.workflowTaskCompletedEventAttributes);
          if (events.some((e) => e.activityTaskScheduledEventAttributes))
            throw new Error(`${subject}: the build ran as an activity, not inside the workflow task`);
          // The first runs of a round warm the worker's caches: kept out of the medians.
          if (i < 3) continue;
          (task.get(subject) ?? task.set(subject, []).get(subject)!).push(
            millis(wftCompleted?.eventTime) - millis(wftStarted?.eventTime),
          );
          (total.get(subject) ?? total.set(subject, []).get(subject)!).push(took);
        }
      }
      console.log(`round ${round + 1}/${rounds} done; load ${loadavg()[0]!.toFixed(2)}`);
    }
  } finally {
    worker.shutdown();
    appWorker.shutdown();
    await running;
    await connection.close();
  }
  const base = median(task.get('empty')!);
  const baseTotal = median(total.get('empty')!);
  console.log(
    `\n### One workflow task, medians of ${rounds} × ${runs - 3} runs per subject (ratios against \`empty\`, same run)\n`,
  );
  console.log(
    '| subject | workflow task (started → completed) | vs empty | start → result (client) | vs empty |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const subject of Object.keys(SUBJECTS) as Subject[]) {
    const t = median(task.get(subject)!);
    const r = median(total.get(subject)!);
    console.log(
      `| ${subject} | ${t.toFixed(1)} ms | ${(t / base).toFixed(2)}× | ${r.toFixed(1)} ms | ${(r / baseTotal).toFixed(2)}× |`,
    );
  }
} finally {
  await app.close();
}
process.exit(0);
