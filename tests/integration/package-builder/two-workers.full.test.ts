// Tier: full (real dev server, two worker processes, about 1-2 min). More than one machine: two
// `workflow-builder worker --task-queue <q> --workspace <dir>` processes (each with its own data
// folder, as on two build machines) serve the PackageBuild children of one queue, while the
// PackageBuilder parent runs elsewhere (the harness's worker, which does not poll that queue).
// Both workers take children — two worker identities appear in the children's histories — and
// the run completes correctly (history checker: exactly N, dependency order, nothing built twice).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEventLike } from '../../../src/main/run-monitor/history-events';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { checkExactlyN, fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { compilerAdapter, packageBuildDefinition } from './scenario';

/** ActivityTaskStarted: carries the identity of the worker that took the activity. */
const ACTIVITY_TASK_STARTED = 11;

const PACKAGES = Array.from({ length: 12 }, (_, i) => ({
  name: `p${String(i).padStart(2, '0')}`,
  // Three chains of four: p00 → p03 → p06 → p09, …
  dependencies: i >= 3 ? [`p${String(i - 3).padStart(2, '0')}`] : [],
}));

/** An npm workspace of PACKAGES whose build takes ~300 ms and leaves `built` in the package folder. */
function writeWorkspace(root: string): void {
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'two-workers', private: true, workspaces: ['packages/*'] }),
  );
  for (const p of PACKAGES) {
    mkdirSync(join(root, 'packages', p.name), { recursive: true });
    writeFileSync(
      join(root, 'packages', p.name, 'package.json'),
      JSON.stringify({
        name: p.name,
        version: '1.0.0',
        scripts: { build: `node -e "setTimeout(() => require('fs').writeFileSync('built', 'ok'), 300)"` },
        dependencies: Object.fromEntries(p.dependencies.map((d) => [d, '1.0.0'])),
      }),
    );
  }
}

interface WorkerProcess {
  process: ChildProcess;
  output: () => string;
}

/** Resolves once the worker printed that it is ready; rejects with its output if it exits or takes too long. */
async function ready(worker: WorkerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!worker.output().includes('worker ready on')) {
    if (worker.process.exitCode !== null || Date.now() > deadline)
      throw new Error(`worker not ready (exit ${worker.process.exitCode}):\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('two worker processes on one task queue (full tier)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wb-two-workers-'));
  const childQueue = uniqueTaskQueue('package-build');
  const workers: WorkerProcess[] = [];
  let h: RuntimeHarness;
  let workspace: string;

  /** `workflow-builder worker` as its own process (the CLI from source, through tsx). */
  function startWorker(name: string, definitionFile: string): WorkerProcess {
    const { address, namespace } = sharedTemporal();
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        'src/main/cli/main.ts',
        'worker',
        '--task-queue',
        childQueue,
        '--workspace',
        workspace,
        '--definition',
        definitionFile,
        '--data-dir',
        join(scratch, name),
        '--temporal-address',
        address,
        '--namespace',
        namespace,
      ],
      { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const worker = { process: child, output: () => output };
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    workspace = realpathSync(mkdtempSync(join(scratch, 'ws-')));
    writeWorkspace(workspace);
    // The workers' child definition names no queue: --task-queue gives it (as `--task-queue package-build` would).
    const definitionFile = join(scratch, 'package-build.json');
    writeFileSync(definitionFile, JSON.stringify(packageBuildDefinition()));
    const started = [startWorker('machine-a', definitionFile), startWorker('machine-b', definitionFile)];
    // The parent's side: reads the workspace, runs the loop; never polls the children's queue.
    h = await createRuntimeHarness(compilerAdapter.compiler, 'two-workers', {
      policy: () => ({ workspaces: [workspace], commands: [] }),
      serves: (queue) => queue !== childQueue,
    });
    await Promise.all(started.map((w) => ready(w, 150_000)));
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) {
      if (w.process.exitCode === null && w.process.pid !== undefined) {
        const exited = new Promise((r) => w.process.once('exit', r));
        process.kill(-w.process.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
    }
    await h?.close();
    rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it('both workers take children (each identity in the histories) and the run completes correctly', async () => {
    const t0 = Date.now();
    for (const w of workers) expect(w.output()).toContain(`serving PackageBuild_v1 on ${childQueue}`);
    const child = packageBuildDefinition() as { settings: Record<string, unknown> };
    child.settings.taskQueue = childQueue;
    const childId = h.store.definitions.save({ definition: child }).id;
    const parent = h.store.definitions.save({
      definition: {
        schemaVersion: 1,
        name: 'PackageBuilder',
        nodes: [
          { id: 'start', kind: 'start', data: {} },
          {
            id: 'graph',
            kind: 'dependencyGraph',
            data: { source: { type: 'workspace', root: { $ref: '$input.root' } } },
          },
          {
            id: 'build',
            kind: 'dynamicLoop',
            data: {
              graph: 'graph',
              child: { definitionId: childId },
              maxConcurrent: 6,
              childInput: { workspaceRoot: { $ref: '$input.root' } },
            },
          },
          { id: 'end', kind: 'end', data: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'graph' },
          { id: 'e2', source: 'graph', target: 'build' },
          { id: 'e3', source: 'build', target: 'end' },
        ],
        settings: { inputs: [{ name: 'root', type: 'string', required: true }] },
      },
    });
    const record = await h.launcher.start(h.store.definitions.get(parent.id), { root: workspace });
    await h.monitor.settled(record.workflowId);
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    const report = checkExactlyN(record.workflowId, chain, PACKAGES, 6);
    expect(report.violations).toEqual([]);
    expect(report.completed).toEqual(PACKAGES.map((p) => p.name));
    expect(h.store.runs.get(record.workflowId).status).toBe('completed');
    for (const p of PACKAGES)
      expect(readFileSync(join(workspace, 'packages', p.name, 'built'), 'utf8')).toBe('ok');

    // Who ran each child: the identity of the worker that started its build activity.
    const identities = new Map<string, string[]>();
    for (const p of PACKAGES) {
      const history = await h.client.workflow.getHandle(`${record.workflowId}/${p.name}#1`).fetchHistory();
      const started = ((history.events ?? []) as HistoryEventLike[]).find(
        (e) => e.eventType === ACTIVITY_TASK_STARTED,
      ) as { activityTaskStartedEventAttributes?: { identity?: string | null } } | undefined;
      const identity = started?.activityTaskStartedEventAttributes?.identity ?? '';
      identities.set(identity, [...(identities.get(identity) ?? []), p.name]);
    }
    console.log(
      `two workers: ${((Date.now() - t0) / 1000).toFixed(1)} s; children per worker identity: ${JSON.stringify(Object.fromEntries(identities))}`,
    );
    expect(identities.has('')).toBe(false);
    expect(identities.size).toBe(2);
  }, 180_000);
});
