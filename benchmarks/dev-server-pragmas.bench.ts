/**
 * SQLite pragmas of the embedded dev server, chosen by measurement (design.md, "Known pitfalls").
 *
 * Starts one private dev server per setting, each on its own db file on disk (under `.tmp/`, not
 * /tmp which may be tmpfs and would hide fsync costs), with a real worker, and runs a parent that
 * executes trivial children: one after another (per-child latency: all of it is the server's
 * persistence and task dispatch) and all at once (throughput). Rounds alternate between settings
 * so drift (page cache, CPU frequency) hits each one alike. Prints Markdown tables and the ratio
 * against the SQLite defaults; paste them into docs/architecture/dev-server.md.
 *
 * Run: `npx tsx benchmarks/dev-server-pragmas.bench.ts [children=30] [rounds=5]`
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { findTemporalCli } from '../src/main/dev-server/temporal-cli.mjs';
import { TemporalDevServer } from '../src/main/dev-server';
import { mean, median, ms, printTable, ratio } from './lib/stats';

const CHILDREN = Number(process.argv[2] ?? 30);
const ROUNDS = Number(process.argv[3] ?? 5);
const WARMUP_CHILDREN = 5;

const SETTINGS: ReadonlyArray<{ name: string; pragmas: Record<string, string> }> = [
  { name: 'SQLite defaults (rollback journal, synchronous=FULL)', pragmas: {} },
  { name: 'journal_mode=wal', pragmas: { journal_mode: 'wal' } },
  { name: 'journal_mode=wal + synchronous=normal', pragmas: { journal_mode: 'wal', synchronous: 'normal' } },
];

interface Subject {
  name: string;
  server: TemporalDevServer;
  client: Client;
  worker: Worker;
  workerRun: Promise<void>;
  sequentialPerChild: number[];
  parallelPerChild: number[];
}

async function main(): Promise<void> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('Temporal CLI not found: run `npm run provision` first');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const root = mkdtempSync(join(repoRoot, '.tmp', 'bench-pragmas-'));
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(
      new URL('../tests/integration/dev-server/fixtures/workflows.ts', import.meta.url),
    ),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });

  const subjects: Subject[] = [];
  try {
    for (const [index, setting] of SETTINGS.entries()) {
      const server = new TemporalDevServer({
        dataDir: join(root, `s${index}`),
        binaryPath: cli.path,
        ui: false,
        sqlitePragmas: setting.pragmas,
      });
      const { address } = await server.start();
      const taskQueue = `bench-${index}`;
      const worker = await Worker.create({
        connection: await NativeConnection.connect({ address }),
        namespace: 'default',
        taskQueue,
        workflowBundle,
      });
      const subject: Subject = {
        name: setting.name,
        server,
        client: new Client({ connection: await Connection.connect({ address }) }),
        worker,
        workerRun: worker.run(),
        sequentialPerChild: [],
        parallelPerChild: [],
      };
      subjects.push(subject);
      await runParent(subject, 'sequentialChildren', WARMUP_CHILDREN, taskQueue); // warm-up: bundles loaded, caches hot
    }

    console.log(
      `Temporal CLI ${cli.version}; ${CHILDREN} children per parent, ${ROUNDS} rounds per setting; data in ${root}`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, subject] of subjects.entries()) {
        subject.sequentialPerChild.push(
          (await runParent(subject, 'sequentialChildren', CHILDREN, `bench-${index}`)) / CHILDREN,
        );
        subject.parallelPerChild.push(
          (await runParent(subject, 'parallelChildren', CHILDREN, `bench-${index}`)) / CHILDREN,
        );
      }
    }

    const baseline = subjects[0] as Subject;
    const baseSequential = median(baseline.sequentialPerChild);
    const baseParallel = median(baseline.parallelPerChild);
    printTable(
      `Per-child overhead, ${CHILDREN} trivial children executed one after another (median of ${ROUNDS} parents)`,
      ['setting', 'median per child', 'mean per child', 'parent total (median)', 'speed-up vs defaults'],
      subjects.map((subject) => [
        subject.name,
        ms(median(subject.sequentialPerChild)),
        ms(mean(subject.sequentialPerChild)),
        ms(median(subject.sequentialPerChild) * CHILDREN),
        ratio(baseSequential / median(subject.sequentialPerChild)),
      ]),
    );
    printTable(
      `Per-child cost, ${CHILDREN} trivial children started at once (median of ${ROUNDS} parents)`,
      ['setting', 'median per child', 'parent total (median)', 'speed-up vs defaults'],
      subjects.map((subject) => [
        subject.name,
        ms(median(subject.parallelPerChild)),
        ms(median(subject.parallelPerChild) * CHILDREN),
        ratio(baseParallel / median(subject.parallelPerChild)),
      ]),
    );
  } finally {
    for (const subject of subjects) {
      subject.worker.shutdown();
      await subject.workerRun.catch(() => {});
      await subject.client.connection.close();
      await subject.server.stop();
    }
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs one parent to completion; returns its wall time in ms. */
async function runParent(
  subject: Subject,
  workflowType: string,
  children: number,
  taskQueue: string,
): Promise<number> {
  const started = performance.now();
  const sum = await subject.client.workflow.execute(workflowType, {
    taskQueue,
    workflowId: `${workflowType}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    args: [children],
  });
  const elapsed = performance.now() - started;
  if (sum !== (children * (children - 1)) / 2) throw new Error(`unexpected result ${String(sum)}`);
  return elapsed;
}

await main();
