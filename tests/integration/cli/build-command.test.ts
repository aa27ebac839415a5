// Tier: integration (quick), real shared dev server. `workflow-builder build`: the demo monorepo,
// copied into the data folder, really built by its own scripts at N = 4 (exit 0, report written);
// a failing script exits 1 and prints the reason, its dependents blocked, and --filter builds only
// the selection and what it depends on, and --retry then rebuilds only what failed; a cycle or a missing folder exits 2 naming the problem;
// without a terminal the progress is plain lines. Each run uses its own task queues.
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openStore } from '../../../src/main/store';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

const scratch = mkdtempSync(join(tmpdir(), 'wb-cli-build-'));
const scale = process.env.DEMO_BUILD_SCALE;
beforeAll(() => {
  // The demo's packages sleep their `demo.buildMs`; 1/20 of it keeps the order real and the test short.
  process.env.DEMO_BUILD_SCALE = '0.05';
});
afterAll(() => {
  if (scale === undefined) delete process.env.DEMO_BUILD_SCALE;
  else process.env.DEMO_BUILD_SCALE = scale;
  rmSync(scratch, { recursive: true, force: true });
});

/** Task queues no other test uses; a retry keeps its run's, so the compiled bundle is reused. */
function queues(): string[] {
  return ['--task-queue', uniqueTaskQueue('cli-build'), '--build-task-queue', uniqueTaskQueue('cli-build-pkg')];
}

/** Runs the CLI, collecting what it prints. */
async function build(
  args: string[],
  taskQueues: string[] = queues(),
): Promise<{ code: number; out: string[]; err: string[] }> {
  const { address, namespace } = sharedTemporal();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    [
      'build',
      ...args,
      '--temporal-address', address, '--namespace', namespace,
      ...taskQueues,
    ],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out, err };
}

describe('workflow-builder build', () => {
  it('builds a copy of the demo monorepo with its own scripts at N = 4: exit 0, every dist/ written, report printed', async () => {
    const dataDir = join(scratch, 'demo');
    const started = performance.now();
    const { code, out, err } = await build(['--demo', '--concurrency', '4', '--data-dir', dataDir]);
    console.log(`demo build took ${Math.round(performance.now() - started)} ms`);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const copy = join(dataDir, 'demo-monorepo');
    expect(out[0]).toBe(`copied the demo monorepo to ${copy}`);
    expect(out.some((l) => /^Build completed: 20 of 20 built, 0 failed, 0 blocked in \d/.test(l))).toBe(true);
    // Each package's build checked its dependencies' dist/ first, so this order was a right one.
    for (const pkg of ['tooling/tsconfig', 'packages/utils', 'apps/e2e-tests']) {
      expect(existsSync(join(copy, pkg, 'dist', 'index.js'))).toBe(true);
    }
    expect(existsSync(resolve('examples/demo-monorepo/packages/utils/dist'))).toBe(false); // the source is untouched
    const report = out.find((l) => l.startsWith('report: '))!.slice('report: '.length);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ runId: expect.any(String) });
    // Not a terminal: plain lines, no cursor control, and the counts as they changed.
    expect(out.some((l) => l.includes('\u001b') || l.includes('\r'))).toBe(false);
    expect(out).toContain('[building] 0/20 done · 0 failed · 0 blocked · 2 in flight · 0 queued · ETA after a first build');
    expect(out.some((l) => l.startsWith('[finished] 20/20 done'))).toBe(true);
    // Its build times are history for this monorepo only (the next run's estimates read them).
    const store = openStore(join(dataDir, 'workflow-builder.db'));
    try {
      const [definition] = store.definitions.list();
      expect(store.packageBuilds.buildSamples(definition!.id, undefined, 10, copy).size).toBe(20);
      expect(store.packageBuilds.buildSamples(definition!.id, undefined, 10, null).size).toBe(0);
    } finally {
      store.close();
    }
  }, 120_000);

  it('a package built out of order fails in the demo itself', () => {
    const copy = join(scratch, 'wrong-order');
    cpSync('examples/demo-monorepo', copy, { recursive: true, filter: (p) => !p.includes('dist') });
    const run = spawnSync(process.execPath, ['../../scripts/build-package.mjs'], {
      cwd: join(copy, 'packages', 'utils'),
      encoding: 'utf8',
      env: { ...process.env, DEMO_BUILD_SCALE: '0' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('@acme/utils depends on @acme/eslint-config, which is not built yet');
  });

  it('a failing script: exit 1, the reason printed, dependents blocked; --filter keeps only the selection and its dependencies', async () => {
    const root = join(scratch, 'failing');
    cpSync('tests/fixtures/workspaces/cli-failing-script', root, { recursive: true });
    const taskQueues = queues();
    const { code, out, err } = await build(
      [root, '--filter', '@cli/app', '--data-dir', join(scratch, 'failing-data')],
      taskQueues,
    );
    expect(code).toBe(1);
    expect(out).toContain(`${realpathSync(root)}: 3 of 4 packages (--filter @cli/app and their dependencies), 4 at a time, scripts: build`);
    expect(out.some((l) => l.startsWith('Build failed: 1 of 3 built, 1 failed, 1 blocked'))).toBe(true);
    expect(out).toContain('  ⊘ @cli/app blocked by @cli/broken');
    expect(out.some((l) => l.startsWith('  ✗ @cli/broken: ') && l.includes('exited with code 1'))).toBe(true);
    const why = err.join('\n');
    expect(why).toMatch(/^why: .*1 of 3 packages failed: @cli\/broken/);
    expect(why).toContain('error TS2322');
    expect(out.some((l) => l.includes('@cli/side'))).toBe(false); // not selected, nothing depends on it
    expect(out.some((l) => l.startsWith('report: '))).toBe(true);

    // Fixed, then retried after the run closed: a new run rebuilds only the failed and blocked packages.
    const hint = out.find((l) => l.includes('build --retry '))!;
    const workflowId = hint.slice(hint.indexOf('--retry ') + '--retry '.length);
    const manifest = join(root, 'packages', 'broken', 'package.json');
    const fixed = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts: Record<string, string> };
    fixed.scripts.build = `node -e "console.log('fixed')"`;
    writeFileSync(manifest, JSON.stringify(fixed));
    const retry = await build(['--retry', workflowId, '--data-dir', join(scratch, 'failing-data')], taskQueues);
    expect(retry.err).toEqual([]);
    expect(retry.code).toBe(0);
    expect(retry.out).toContain(`retrying ${workflowId}: completed packages are reused`);
    expect(retry.out).toContain('  → @cli/broken');
    expect(retry.out).toContain('  → @cli/app');
    expect(retry.out.some((l) => l.startsWith('  → @cli/base'))).toBe(false); // reused, not rebuilt
    expect(retry.out.some((l) => l.startsWith('Build completed: 3 of 3 built'))).toBe(true);
  }, 240_000);

  it('a dependency cycle exits 2 before anything starts, naming the cycle with its kinds and the flag that helps', async () => {
    const { code, out, err } = await build(['tests/fixtures/workspaces/pnpm-dev-cycle', '--data-dir', join(scratch, 'cycle')]);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`Cannot build ${resolve('tests/fixtures/workspaces/pnpm-dev-cycle')}:`);
    expect(err[1]).toMatch(/Dependency cycle: core → test-utils \(dev\) → helpers → core\./);
    expect(err[1]).toContain('--break-dev-cycles');
    expect(existsSync(join(scratch, 'cycle'))).toBe(false); // nothing was started or stored
  });

  it('a missing folder, duplicate package names, a filter matching nothing and bad flags exit 2 naming the problem', async () => {
    const missing = join(scratch, 'nope');
    const noFolder = await build([missing]);
    expect([noFolder.code, noFolder.err]).toEqual([2, [`The folder ${missing} does not exist`]]);
    const typo = await build(['tests/fixtures/workspaces/cli-failing-script', '--filter', '@cli/ap']);
    expect(typo.code).toBe(2);
    expect(typo.err[1]).toContain('No package matches the filter "@cli/ap"');
    const duplicate = await build(['tests/fixtures/workspaces/duplicate-names']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.err[1]).toMatch(/Duplicate package name ".+": .+package\.json and .+package\.json/);
    const badN = await build(['tests/fixtures/workspaces/cli-failing-script', '--concurrency', '0']);
    expect(badN.code).toBe(2);
    expect(badN.err[0]).toContain('--concurrency must be a whole number from 1 to 64, got "0"');
    const badKind = await build(['--demo', '--kinds', 'dependencies,bogus']);
    expect(badKind.code).toBe(2);
    expect(badKind.err[0]).toContain('Unknown dependency kind "bogus"');
  });
});
