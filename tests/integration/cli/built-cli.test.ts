// Tier: integration (quick), real shared dev server. The built CLI (`npm run build:cli`, esbuild) is the
// same program as `npm run cli`: built into a scratch folder of the checkout, it prints the same usage
// (also started through a symlink, as package.json `bin` installs it), and `build --demo` builds the
// demo monorepo against the shared dev server with the bundle's own worker and bundler processes and
// the pre-bundled built-in workflows (exit 0, every package built, report written).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli';
import { USAGE } from '../../../src/main/cli/main';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

mkdirSync(resolve('.tmp'), { recursive: true });
const outDir = mkdtempSync(resolve('.tmp', 'built-cli-')); // two levels below the checkout, like out/cli
let cli = '';
beforeAll(async () => {
  cli = await buildCli(outDir);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs the built CLI with plain `node` (no tsx loader anywhere), collecting its output. */
function runBuilt(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('the built CLI', () => {
  it('is plain JavaScript next to its worker, bundler and built-in workflow bundle', () => {
    for (const file of [
      'workflow-builder.mjs',
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
      { DEMO_BUILD_SCALE: '0.05' }, // 1/20 of the demo's sleeps: the order stays real, the test short
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Build completed: 20 of 20 built, 0 failed, 0 blocked in \d/m);
    const report = /^report: (.+)$/m.exec(stdout)?.[1];
    expect(report && existsSync(report)).toBe(true);
  }, 150_000);
});
