// The export as a newcomer meets it, on the real dev server: export the PackageBuilder examples
// with the CLI, `npm install` from the registry in the exported folder, `npm run build`, then
// `npm start` (the worker) and `npm run workflow -- '<input>'` (the client) as its README says,
// and see the run carry out that input. Full tier: the install alone takes a minute or more.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrchestrationState } from '../../../src/core/orchestration/orchestration-state';
import { runCli } from '../../../src/main/cli/main';
import { sharedTemporal } from '../../support/shared-temporal';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'wb-export-install-'));
const project = join(work, 'builds');
const started: ChildProcess[] = [];

/** Runs a command in the project to completion; its exit code and output. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.push(child);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

describe('an exported project, installed and run as its README says (full tier)', () => {
  // A namespace of its own, so no other worker on the shared server serves the examples' queues.
  const namespace = `wb-export-${process.pid}-${Date.now().toString(36)}`;
  let connection: Connection;
  let client: Client;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { address } = sharedTemporal();
    connection = await Connection.connect({ address });
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    client = new Client({ connection, namespace });
    env = {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      DATA_DIR: join(work, 'data'),
      NODE_OPTIONS: '',
    };
  });

  afterAll(async () => {
    // Only the process groups this test started, by their id.
    for (const child of started) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await connection?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports, installs from the registry and builds', async () => {
    const lines: string[] = [];
    const code = await runCli(
      [
        'export',
        '--definition',
        join(repoRoot, 'examples/package-builder.json'),
        '--definition',
        join(repoRoot, 'examples/package-build.json'),
        '--out',
        project,
        '--data-dir',
        join(work, 'app-data'),
      ],
      { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) },
    );
    expect(code, lines.join('\n')).toBe(0);
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm start');
    expect(readme).toContain("npm run workflow -- '");

    const install = await run('npm', ['install', '--no-audit', '--no-fund'], env);
    expect(install.code, install.output).toBe(0);
    const build = await run('npm', ['run', 'build'], env);
    expect(build.code, build.output).toBe(0);
    expect(existsSync(join(project, 'lib', 'workflows.js'))).toBe(true);
  }, 600_000);

  it("the worker runs the client's workflow with the client's input: the failure it names fails that package and blocks its dependents", async () => {
    const worker = spawn('npm', ['start'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.push(worker);
    let workerOutput = '';
    worker.stdout?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    worker.stderr?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    await expect.poll(() => workerOutput, { timeout: 120_000, interval: 250 }).toContain('worker ready');

    const input = { failures: { '@acme/db': 'migration 042 failed' } };
    const clientRun = run('npm', ['run', '--silent', 'workflow', '--', JSON.stringify(input)], env);
    let workflowId: string | undefined;
    const clientProcess = started.at(-1)!;
    let clientOutput = '';
    clientProcess.stdout?.on('data', (c: Buffer) => {
      clientOutput += c.toString();
      workflowId ??= /^started (\S+)$/m.exec(clientOutput)?.[1];
    });
    await expect.poll(() => workflowId, { timeout: 60_000, interval: 200 }).toBeDefined();

    // The run builds what it can, then waits in its retry window with the failure the input named.
    const handle = client.workflow.getHandle(workflowId!);
    await expect
      .poll(async () => (await handle.query<OrchestrationState>('getOrchestrationState')).phase, {
        timeout: 120_000,
        interval: 500,
      })
      .toBe('awaiting-retry');
    const state = await handle.query<OrchestrationState>('getOrchestrationState');
    expect(state.failed.map((f) => [f.name, f.error])).toEqual([['@acme/db', 'migration 042 failed']]);
    expect(state.blocked.map((b) => b.name)).toEqual(
      expect.arrayContaining(['@acme/auth', '@acme/billing', '@acme/search', '@acme/api-server']),
    );
    expect(state.completed.map((c) => c.name)).toEqual(expect.arrayContaining(['@acme/types', '@acme/utils']));
    expect(state.totals.packages).toBe(20);

    // `finish` ends the window: the run fails with the summary, and the client reports it.
    await handle.signal('finish');
    const result = await clientRun;
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('@acme/db (migration 042 failed)');
    // The app's own activities wrote the build logs and the report into DATA_DIR.
    expect(existsSync(join(work, 'data', 'reports'))).toBe(true);
    expect(existsSync(join(work, 'data', 'logs'))).toBe(true);
  }, 300_000);
});
