// Tier: quick (real dev server, real builds of a 4-package npm workspace, ~45 s). Skipped packages
// and remediation on real runs of the compiled PackageBuilder: `docs` has no build script, so its
// child ran nothing — it is reported skipped and its dependent builds; `lib`'s build fails on a
// stale `dist/` (the simulated failure). Without remediation lib fails and `app` is blocked; with
// `remediation: { command: "clean" }` the allowed command runs as a child (executeChild), removes
// dist, and the one rebuild passes, so app builds — nothing completed is built twice.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerPolicy } from '../../../src/core/settings/worker-policy';
import { checkExactlyN, fetchChain } from './history-check';
import { createRuntimeHarness, type RuntimeHarness } from './runtime-harness';
import { compilerAdapter, packageBuildDefinition } from './scenario';

/** lib fails while dist/stale exists; docs has no build script; app needs both; tools needs docs. */
function writeWorkspace(root: string): void {
  const pkg = (dir: string, json: Record<string, unknown>, files: Record<string, string> = {}): void => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ version: '1.0.0', ...json }, null, 2));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, dir, name), text);
  };
  pkg('.', { name: 'remediation-fixture', private: true, workspaces: ['packages/*'] });
  pkg(
    'packages/lib',
    { name: 'lib', scripts: { build: 'node build.js' } },
    {
      'build.js':
        "const fs = require('fs');\n" +
        "if (fs.existsSync('dist/stale')) { console.error('stale dist/: run clean'); process.exit(1); }\n" +
        "fs.mkdirSync('dist', { recursive: true }); fs.writeFileSync('dist/index.js', 'ok');\n",
    },
  );
  mkdirSync(join(root, 'packages/lib/dist'), { recursive: true });
  writeFileSync(join(root, 'packages/lib/dist/stale'), 'left over from an old build');
  pkg('packages/docs', { name: 'docs', scripts: { lint: 'echo lint' } });
  pkg('packages/app', {
    name: 'app',
    scripts: { build: 'node -e "console.log(1)"' },
    dependencies: { lib: '1.0.0', docs: '1.0.0' },
  });
  pkg('packages/tools', {
    name: 'tools',
    scripts: { build: 'echo tools' },
    devDependencies: { docs: '1.0.0' },
  });
}

const PACKAGES = [
  { name: 'lib' },
  { name: 'docs' },
  { name: 'app', dependencies: ['lib', 'docs'] },
  { name: 'tools', dependencies: ['docs'] },
];

/** A PackageBuilder over a workspace read at run time, real builds, optionally with remediation. */
function realBuilder(childId: string, remediation: boolean): unknown {
  return {
    schemaVersion: 1,
    name: 'Real builder',
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
          maxConcurrent: 2,
          childInput: { workspaceRoot: { $ref: '$input.root' } },
          ...(remediation ? { remediation: { command: 'clean' } } : {}),
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
  };
}

describe('skipped packages and remediation on real builds', () => {
  let h: RuntimeHarness;
  let root: string;
  let childId: string;
  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'wb-remediation-ws-')));
    writeWorkspace(root);
    const policy: WorkerPolicy = {
      workspaces: [root],
      commands: [
        {
          name: 'clean',
          program: process.execPath,
          args: ['-e', "require('fs').rmSync('dist', { recursive: true, force: true })"],
        },
      ],
    };
    h = await createRuntimeHarness(compilerAdapter.compiler, 'remediate', { policy: () => policy });
    childId = h.store.definitions.save({ definition: packageBuildDefinition() }).id;
  });
  afterAll(async () => {
    await h?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const run = async (remediation: boolean) => {
    const saved = h.store.definitions.save({ definition: realBuilder(childId, remediation) });
    const record = await h.launcher.start(h.store.definitions.get(saved.id), { root });
    await h.monitor.settled(record.workflowId);
    const chain = await fetchChain(h.client, record.workflowId, record.runId);
    return {
      record,
      state: h.monitor.lastState(record.workflowId)!,
      report: checkExactlyN(record.workflowId, chain, PACKAGES, 2),
    };
  };

  it('without remediation: docs is skipped and unblocks tools; lib fails on its stale dist and blocks app', async () => {
    const { record, state, report } = await run(false);
    expect(state.skipped!.map((p) => p.name)).toEqual(['docs']);
    expect(state.completed.map((p) => p.name)).toEqual(['tools']);
    expect(state.failed.map((p) => p.name)).toEqual(['lib']);
    expect(state.failed[0]!.error).toMatch(/exited with code 1/);
    expect(state.blocked).toEqual([{ name: 'app', blockedBy: 'lib' }]);
    expect(state.totals).toMatchObject({ packages: 4, completed: 1, skipped: 1, failed: 1, blocked: 1 });
    expect(report.violations).toEqual([]);
    expect(report.remediations).toBe(0);
    expect(h.store.runs.get(record.workflowId).status).toBe('failed');
    expect(existsSync(join(root, 'packages/lib/dist/stale'))).toBe(true);
  }, 120_000);

  it('with remediation "clean": the command runs as a child, the one rebuild passes, and app builds', async () => {
    const { record, state, report } = await run(true);
    expect(state.failed).toEqual([]);
    expect(state.blocked).toEqual([]);
    expect(state.skipped!.map((p) => p.name)).toEqual(['docs']);
    expect(state.completed.map((p) => p.name).sort()).toEqual(['app', 'lib', 'tools']);
    // lib's result comes from its second build, after the remediation child `lib#1.remediation`.
    expect(state.completed.find((p) => p.name === 'lib')!.childWorkflowId).toBe(`${record.workflowId}/lib#2`);
    expect(report.remediations).toBe(1);
    expect(report.violations).toEqual([]); // dependency order, exactly N, nothing built twice
    expect(report.startsPerRun).toEqual([6]); // 4 packages + 1 remediation + 1 rebuild
    // The remediation child is the PackageBuild child with the allowed command and no scripts.
    const remediation = h.client.workflow.getHandle(`${record.workflowId}/lib#1.remediation`);
    const history = await remediation.fetchHistory();
    const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(JSON.parse(Buffer.from(payload.data!).toString('utf8'))).toMatchObject({
      packageName: 'lib',
      attempt: 1,
      command: 'clean',
      scripts: [],
      workspaceRoot: root,
    });
    const { build } = (await remediation.result()) as { build: { logFile: string } };
    expect(readFileSync(build.logFile, 'utf8')).toMatch(/\$ command clean: /);
    expect(existsSync(join(root, 'packages/lib/dist/stale'))).toBe(false);
    expect(existsSync(join(root, 'packages/lib/dist/index.js'))).toBe(true);
    expect(h.store.runs.get(record.workflowId).status).toBe('completed');
  }, 120_000);
});
