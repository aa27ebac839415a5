// Tier: integration (quick), real shared dev server. The built CLI (`npm run build:cli`, esbuild) is the
// same program as `npm run cli`: built into a scratch folder of the checkout, it prints the same usage
// (also started through a symlink, as package.json `bin` installs it), and `build --demo` builds the
// demo monorepo against the shared dev server with the bundle's own worker and bundler processes and
// the pre-bundled built-in workflows (exit 0, every package built, report written). The bootstrap
// forks the worker process before the CLI loads its modules, and the CLI's worker host takes that
// very process (same pid in the WB_TIMINGS marks); a command that ends before needing it (bad
// usage) leaves no worker process behind. A second build on the same data folder reuses the compiled
// project (the compile cache, keyed by the built CLI's own fingerprint) instead of compiling again.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli';
import { USAGE } from '../../../src/main/cli/main';
import { isAlive, runBuiltCli } from '../../support/built-cli';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { waitUntil } from '../../support/wait-until';

mkdirSync(resolve('.tmp'), { recursive: true });
const outDir = mkdtempSync(resolve('.tmp', 'built-cli-')); // two levels below the checkout, like out/cli
let cli = '';
beforeAll(async () => {
  cli = await buildCli(outDir);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs the built CLI with plain `node` (no tsx loader anywhere), collecting its output. */
const runBuilt = (file: string, args: string[], env: NodeJS.ProcessEnv = {}) => runBuiltCli(file, args, env);

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

describe('the built CLI', () => {
  it('is plain JavaScript next to its worker, bundler and built-in workflow bundle', () => {
    for (const file of [
      'workflow-builder.mjs',
      'cli-main.mjs',
      'worker-process.js',
      'bundle-process.js',
      'builtin-workflows.bundle.js',
    ]) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
    }
  });

  it('prints the same usage as the source CLI, also when started through a symlink', async () => {
    const direct = await runBuilt(cli, []);
    expect(direct.code).toBe(2);
    expect(direct.stderr.trim()).toBe(USAGE);
    const link = join(outDir, 'bin-link');
    symlinkSync(cli, link);
    const linked = await runBuilt(link, ['build', '--help']);
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain('workflow-builder build <folder> [options]');
  });

  it('builds the demo monorepo against the shared dev server: exit 0, 20 of 20 built, report written', async () => {
    const { address, namespace } = sharedTemporal();
    const dataDir = join(outDir, 'data');
    const { code, stdout, stderr } = await runBuilt(
      cli,
      [
        'build',
        '--demo',
        '--force',
        '--data-dir',
        dataDir,
        '--temporal-address',
        address,
        '--namespace',
        namespace,
        '--task-queue',
        uniqueTaskQueue('built-cli'),
        '--build-task-queue',
        uniqueTaskQueue('built-cli-pkg'),
      ],
      // 1/20 of the demo's sleeps: the order stays real, the test short. WB_TIMINGS: the phase marks.
      { DEMO_BUILD_SCALE: '0.05', WB_TIMINGS: '1' },
    );
    const marks = stderr.split('\n').filter((line) => line.startsWith('[wb-timing]'));
    expect(stderr.split('\n').filter((line) => line !== '' && !marks.includes(line))).toEqual([]);
    expect(code).toBe(0);
    // Forked ahead, before the CLI's own modules were loaded, and then given its specs.
    const forked = marks.findIndex((line) => / worker process forked ahead \(pid \d+\)$/.test(line));
    const loaded = marks.findIndex((line) => line.endsWith(' modules loaded'));
    expect(forked).toBeGreaterThanOrEqual(0);
    expect(forked).toBeLessThan(loaded);
    const pid = /\(pid (\d+)\)/.exec(marks[forked]!)![1];
    expect(marks.some((line) => line.includes(`worker process (prewarmed, pid ${pid}) gets its specs`))).toBe(
      true,
    );
    expect(stdout).toMatch(/^Build completed: 20 of 20 built, 0 failed, 0 blocked in \d/m);
    const report = /^report: (.+)$/m.exec(stdout)?.[1];
    expect(report && existsSync(report)).toBe(true);
  }, 150_000);

  it('a second build on the same data folder takes its compiled project from the compile cache', async () => {
    // The built CLI's compiler fingerprint is its build's scripts: the same build twice reuses it.
    const { address, namespace } = sharedTemporal();
    const workspace = join(outDir, 'two-packages');
    writeJson(join(workspace, 'package.json'), { name: 'two', private: true, workspaces: ['packages/*'] });
    writeJson(join(workspace, 'packages', 'a', 'package.json'), { name: 'a', scripts: { build: 'true' } });
    writeJson(join(workspace, 'packages', 'b', 'package.json'), {
      name: 'b',
      dependencies: { a: '*' },
      scripts: { build: 'true' },
    });
    const args = [
      'build',
      workspace,
      '--force',
      '--data-dir',
      join(outDir, 'data-compile-cache'),
      '--temporal-address',
      address,
      '--namespace',
      namespace,
      '--task-queue',
      uniqueTaskQueue('built-cli-cache'),
      '--build-task-queue',
      uniqueTaskQueue('built-cli-cache-pkg'),
    ];
    const phases = async (): Promise<string[]> => {
      const { code, stdout, stderr } = await runBuilt(cli, args, { WB_TIMINGS: '1' });
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/^Build completed: 2 of 2 built/m);
      return stderr.split('\n').map((line) => line.replace(/^\[wb-timing\] \d+ /, ''));
    };
    const first = await phases();
    expect(first).toContain('definitions compiled');
    const second = await phases();
    expect(second).toContain('definitions from the compile cache');
    expect(second).not.toContain('definitions compiled');
  }, 150_000);

  it('a command that fails before it needs its worker leaves no worker process behind', async () => {
    const { code, stderr } = await runBuilt(cli, ['build', join(outDir, 'no-such-folder')], {
      WB_TIMINGS: '1',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-folder/);
    const pid = Number(/worker process forked ahead \(pid (\d+)\)/.exec(stderr)?.[1]);
    expect(pid).toBeGreaterThan(0);
    // Its IPC channel closed with the CLI: it exits on its own.
    expect(
      await waitUntil(
        () => !isAlive(pid),
        (gone) => gone,
        10_000,
      ),
    ).toBe(true);
  }, 30_000);
});
