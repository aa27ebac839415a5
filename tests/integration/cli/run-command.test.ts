import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';

const scratch = mkdtempSync(join(tmpdir(), 'wb-cli-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The PackageBuilder example cut down to three fast packages (a → b → c, plus d beside them). */
function smallPackageBuilder(): string {
  const definition = JSON.parse(readFileSync('examples/package-builder.json', 'utf8')) as {
    nodes: Array<{ id: string; data: Record<string, unknown> }>;
    settings: Record<string, unknown>;
  };
  definition.settings.taskQueue = uniqueTaskQueue('cli-run'); // no other test's worker takes its tasks
  const graph = definition.nodes.find((n) => n.id === 'graph')!;
  graph.data.source = {
    type: 'inline',
    packages: [
      { name: 'a', estimatedDurationMs: 50, dependencies: [] },
      { name: 'b', estimatedDurationMs: 50, dependencies: ['a'] },
      { name: 'c', estimatedDurationMs: 50, dependencies: ['b'] },
      { name: 'd', estimatedDurationMs: 50, dependencies: [] },
    ],
  };
  const file = join(scratch, 'small-builder.json');
  writeFileSync(file, JSON.stringify(definition));
  return file;
}

/** examples/package-build.json on a queue of its own, as `<folder>/package-build.json`. */
function packageBuildCopy(folder: string): string {
  const child = JSON.parse(readFileSync('examples/package-build.json', 'utf8')) as { settings: { taskQueue: string } };
  child.settings.taskQueue = uniqueTaskQueue('cli-run-pkg');
  mkdirSync(join(scratch, folder), { recursive: true });
  const file = join(scratch, folder, 'package-build.json');
  writeFileSync(file, JSON.stringify(child));
  return file;
}

describe('workflow-builder run', () => {
  it('saves the files, compiles, runs on Temporal and prints the state as packages finish', async () => {
    const { address, namespace } = sharedTemporal();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'run', smallPackageBuilder(),
        '--child', packageBuildCopy('small'),
        '--data-dir', join(scratch, 'data'),
        '--temporal-address', address, '--namespace', namespace,
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^saved package-build\.json as "PackageBuild" /);
    expect(out.some((l) => /^started PackageBuilder_v1 as /.test(l))).toBe(true);
    expect(out.some((l) => l.includes('[finished] 4/4 built, 0 failed, 0 blocked'))).toBe(true);
    // b waits for a: it is never reported started before a is done.
    const started = (pkg: string) => out.findIndex((l) => new RegExp(`started .*\\b${pkg}\\b`).test(l));
    const done = (pkg: string) => out.findIndex((l) => new RegExp(`done .*\\b${pkg}\\b`).test(l));
    expect(started('b')).toBeGreaterThanOrEqual(done('a'));
    expect(out.at(-1)).toMatch(/^run completed at /);
  }, 120_000);

  it('--workspace opens a folder for the run: the package build script runs there', async () => {
    const { address, namespace } = sharedTemporal();
    const root = join(scratch, 'ws');
    mkdirSync(join(root, 'packages', 'app'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', workspaces: ['packages/*'] }));
    writeFileSync(
      join(root, 'packages', 'app', 'package.json'),
      JSON.stringify({
        name: '@ws/app',
        scripts: { build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('../../built', 'ok')"` },
      }),
    );
    const input = { runId: 'cli-ws', packageName: '@ws/app', attempt: 1, workspaceRoot: realpathSync(root) };
    const err: string[] = [];
    const code = await runCli(
      [
        'run', packageBuildCopy('ws-definition'),
        '--workspace', root,
        '--input', JSON.stringify(input),
        '--data-dir', join(scratch, 'data-ws'),
        '--temporal-address', address, '--namespace', namespace,
      ],
      { out: () => undefined, err: (l) => err.push(l) },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(readFileSync(join(root, 'built'), 'utf8')).toBe('ok');
  }, 120_000);

  it('says why a run failed: a cycle in the packages it was given names its path', async () => {
    const { address, namespace } = sharedTemporal();
    // The graph comes from a run input, so the cycle is found by the running workflow, not the compiler.
    const builder = JSON.parse(readFileSync(smallPackageBuilder(), 'utf8')) as {
      nodes: Array<{ id: string; data: Record<string, unknown> }>;
      settings: { inputs: Array<Record<string, unknown>> };
    };
    builder.nodes.find((n) => n.id === 'graph')!.data.source = { type: 'input', input: 'packages' };
    builder.settings.inputs.push({ name: 'packages', type: 'packages' });
    const builderFile = join(scratch, 'cyclic-builder.json');
    const childFile = packageBuildCopy('why');
    writeFileSync(builderFile, JSON.stringify(builder));
    const packages = [
      { name: 'a', dependencies: ['b'] },
      { name: 'b', dependencies: ['a'] },
    ];
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        'run', builderFile,
        '--child', childFile,
        '--input', JSON.stringify({ packages }),
        '--data-dir', join(scratch, 'data-why'),
        '--temporal-address', address, '--namespace', namespace,
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    expect(code).toBe(1);
    expect(out.at(-1)).toMatch(/^run failed at /);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^why: Dependency graph "graph": Dependency cycle: (a → b → a|b → a → b)/);
  }, 120_000);

  it('refuses a --workspace that is not a folder, naming it, with exit 2', async () => {
    const err: string[] = [];
    const missing = join(scratch, 'no-such-folder');
    const code = await runCli(
      ['run', 'examples/package-build.json', '--workspace', missing, '--data-dir', join(scratch, 'data-bad')],
      { out: () => undefined, err: (l) => err.push(l) },
    );
    expect(code).toBe(2);
    expect(err).toEqual([`The folder ${missing} does not exist`]);
  });

  it('names a bad argument and exits 2', async () => {
    const err: string[] = [];
    expect(await runCli(['run'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toContain('run needs exactly one definition file');
  });
});
