// Export: a standalone Temporal TypeScript project that type-checks (TypeScript compiler API,
// @temporalio resolved from our node_modules) and whose worker runs a workflow on the dev server.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import { runCli } from '../../../src/main/cli/main';
import { exportProject, installedVersions } from '../../../src/main/export/export-project';
import { SafeFolder, UnsafePathError } from '../../../src/main/export/safe-write';
import { openStore, type Store } from '../../../src/main/store';
import { defaultCompiler } from '../../../src/main/workflow-runtime/compiler-binding';
import type { CompilerBinding } from '../../../src/main/workflow-runtime/compiler-port';
import { buildLogRelativePath } from '../../../src/core/activities/log-paths';
import {
  readActivitySources,
  readRuntimeSources,
} from '../../../src/main/workflow-runtime/runtime-sources';
import { sharedClient, sharedTemporal, uniqueTaskQueue } from '../../support/shared-temporal';
import { scenarioAdapter } from '../package-builder/scenario';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const nodeModules = join(repoRoot, 'node_modules');

/** Type-checks a project with its own tsconfig, resolving packages from our node_modules. */
function typecheck(dir: string): string[] {
  const configFile = ts.readConfigFile(join(dir, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dir);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    baseUrl: dir,
    paths: { '*': [`${nodeModules}/*`, `${nodeModules}/@types/*`] },
    typeRoots: [join(nodeModules, '@types')],
  };
  const program = ts.createProgram(parsed.fileNames, options);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${d.file.fileName.replace(dir, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

describe('export', () => {
  const work = mkdtempSync(join(tmpdir(), 'wb-export-'));
  const taskQueue = uniqueTaskQueue('export');
  let store: Store;
  let roots: StoredDefinition[];
  let runtimeFiles: Record<string, string>;
  let activityFiles: Record<string, string>;
  const worker: { process?: ChildProcess } = {};
  const openedWorkspace = makeWorkspace(join(work, 'opened'));

  beforeAll(async () => {
    store = openStore(join(work, 'data', 'workflow-builder.db'));
    roots = [scenarioAdapter.prepare(store, { packages: [{ name: 'a' }] }).definition];
    runtimeFiles = await readRuntimeSources();
    activityFiles = await readActivitySources();
  });
  afterAll(() => {
    worker.process?.kill('SIGTERM');
    store?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const exportTo = (outDir: string, force = false) =>
    exportProject({
      store,
      compiler: scenarioAdapter.compiler,
      defaultTaskQueue: taskQueue,
      runtimeFiles,
      activityFiles,
      roots,
      outDir,
      force,
    });

  it('writes the sample-shaped project, pinned to the versions the app runs with', async () => {
    const out = join(work, 'project');
    const result = await exportTo(out);
    for (const file of [
      'package.json',
      'tsconfig.json',
      'README.md',
      '.gitignore',
      'src/workflows.ts',
      'src/shared.ts',
      'src/activity-types.ts',
      'src/runtime/index.ts',
      'src/runtime/package-loop.ts',
      'src/runtime/graph/ready-tracker.ts',
      'src/workflow-builder/main/activities/index.ts',
      'src/workflow-builder/main/activities/build-package.ts',
      'src/activities.ts',
      'src/worker.ts',
      'src/client.ts',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
      expect(result.written).toContain(file);
    }
    expect(result.kept).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const ours = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of [
      '@temporalio/client',
      '@temporalio/worker',
      '@temporalio/workflow',
      '@temporalio/activity',
      // The vendored activities' own dependencies: pinned too, never "latest".
      'tinyglobby',
      'yaml',
      'zod',
    ]) {
      expect(pkg.dependencies[name]).toBe(ours.dependencies[name]);
    }
    expect(installedVersions()['@temporalio/workflow']).toBe(ours.dependencies['@temporalio/workflow']);
    // The runtime carries the graph engine verbatim; the activities are the app's own.
    expect(readFileSync(join(out, 'src/runtime/graph/ready-tracker.ts'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'src/core/graph/ready-tracker.ts'), 'utf8'),
    );
    expect(readFileSync(join(out, 'src/workflow-builder/main/activities/build-package.ts'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'src/main/activities/build-package.ts'), 'utf8'),
    );
    expect(readFileSync(join(out, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['node_modules/', 'lib/', '*.tsbuildinfo', 'data/']),
    );
    expect(pkg).toMatchObject({ allowScripts: { '@swc/core': true, protobufjs: true } });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).not.toMatch(/github\.com\/\)/);
  });

  it('vendors each app module once: the activities import the graph engine from the runtime', () => {
    const out = join(work, 'project');
    const files = listFiles(out);
    const vendored = files.filter((f) => f.startsWith('src/workflow-builder/core/'));
    // No vendored module has a twin in the runtime (core/graph/x.ts ↔ runtime/graph/x.ts).
    expect(vendored.filter((f) => files.includes(`src/runtime/${f.slice('src/workflow-builder/core/'.length)}`))).toEqual([]);
    expect(files).toContain('src/runtime/graph/dependency-graph.ts');
    expect(readFileSync(join(out, 'src/workflow-builder/main/activities/report-markdown.ts'), 'utf8')).toContain(
      "from '../../../runtime/graph/dependency-graph';",
    );
  });

  it('every file stands alone: no pointer into the repository of workflow-builder', () => {
    expectStandsAlone(join(work, 'project'));
  });

  it('refuses a non-empty folder unless forced; forced, it rewrites only the generated files', async () => {
    const out = join(work, 'project');
    await expect(exportTo(out)).rejects.toThrow(/not empty/);
    writeFileSync(
      join(out, 'src/activities.ts'),
      '// mine\n' + readFileSync(join(out, 'src/activities.ts'), 'utf8'),
    );
    writeFileSync(join(out, 'README.md'), '# my notes\n');
    writeFileSync(join(out, 'src/workflows.ts'), '// stale\n');
    writeFileSync(join(out, 'src/runtime/removed-module.ts'), 'export {};\n');
    writeFileSync(join(out, 'src/runtime/graph/removed-module.ts'), 'export {};\n');
    writeFileSync(join(out, 'src/packages.ts'), '// stale\n');
    const result = await exportTo(out, true);
    expect(result.kept).toEqual(
      expect.arrayContaining([
        'README.md',
        'src/activities.ts',
        'src/worker.ts',
        'src/client.ts',
        'package.json',
        'tsconfig.json',
      ]),
    );
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# my notes\n');
    expect(readFileSync(join(out, 'src/activities.ts'), 'utf8')).toMatch(/^\/\/ mine\n/);
    expect(readFileSync(join(out, 'src/workflows.ts'), 'utf8')).not.toContain('// stale');
    expect(existsSync(join(out, 'src/runtime/removed-module.ts'))).toBe(false);
    expect(existsSync(join(out, 'src/runtime/graph/removed-module.ts'))).toBe(false);
    // This definition lists no packages inline: a packages.ts left from an earlier export goes.
    expect(existsSync(join(out, 'src/packages.ts'))).toBe(false);
  });

  it('never writes outside the target: a symlinked folder inside it is refused', async () => {
    const out = join(work, 'linked');
    const outside = join(work, 'outside');
    mkdirSync(out, { recursive: true });
    mkdirSync(outside, { recursive: true });
    symlinkSync(outside, join(out, 'src'));
    await expect(exportTo(out, true)).rejects.toThrow(/symlink/);
    expect(existsSync(join(outside, 'workflows.ts'))).toBe(false);
    // Every target is checked before the first write: the refused export left the folder as it was.
    expect(readdirSync(out)).toEqual(['src']);

    // A stale generated file that is a symlink (packages.ts: this definition lists no packages
    // inline, so the export would remove it) refuses the forced export before anything is written.
    const stale = join(work, 'stale-link');
    mkdirSync(join(stale, 'src'), { recursive: true });
    writeFileSync(join(outside, 'packages.ts'), '// not the export\'s\n');
    symlinkSync(join(outside, 'packages.ts'), join(stale, 'src', 'packages.ts'));
    await expect(exportTo(stale, true)).rejects.toThrow(/symlink/);
    expect(readdirSync(stale)).toEqual(['src']);
    expect(readdirSync(join(stale, 'src'))).toEqual(['packages.ts']);
  });

  it('SafeFolder refuses paths that leave the folder', async () => {
    const folder = await SafeFolder.open(join(work, 'safe'));
    for (const bad of ['../escape.ts', 'src/../../escape.ts', '/etc/passwd', '..']) {
      await expect(folder.write(bad, 'x')).rejects.toThrow(UnsafePathError);
    }
    expect(existsSync(join(work, 'escape.ts'))).toBe(false);
    await folder.write('src/ok.ts', 'export {};\n');
    expect(readFileSync(join(work, 'safe/src/ok.ts'), 'utf8')).toBe('export {};\n');
  });

  it('the exported project type-checks with the TypeScript compiler API', () => {
    expect(typecheck(join(work, 'project'))).toEqual([]);
  }, 60_000);

  it('the exported worker runs the workflow its client starts, with the input given on the command line', async () => {
    const out = join(work, 'project');
    symlinkSync(nodeModules, join(out, 'node_modules'));
    const { address, namespace } = sharedTemporal();
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      DATA_DIR: join(work, 'export-data'),
      // The exported worker builds only in the workspaces it is given (--workspace or WORKSPACES).
      WORKSPACES: openedWorkspace,
      NODE_OPTIONS: '',
    };
    const child = spawn(process.execPath, ['--import', tsx, 'src/worker.ts'], {
      cwd: out,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.process = child;
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('worker ready');

    // As a user would: the client with a JSON input (the packages to build) on its command line.
    const { input } = scenarioAdapter.prepare(store, {
      packages: [
        { name: 'x', simulatedDurationMs: 50 },
        { name: 'y', dependencies: ['x'], simulatedDurationMs: 50 },
      ],
    });
    const client = await runNode(['--import', tsx, 'src/client.ts', JSON.stringify(input)], out, env);
    expect(client.code, client.output).toBe(0);
    const workflowId = /^started (\S+)$/m.exec(client.output)?.[1];
    expect(workflowId, client.output).toBeDefined();
    const { client: temporal, connection } = await sharedClient();
    try {
      const state = await temporal.workflow
        .getHandle(workflowId!)
        .query<{ completed: Array<{ name: string }> }>('getOrchestrationState');
      expect(state.completed.map((c) => c.name)).toEqual(['x', 'y']);
      // The exported activities wrote their build logs into the export's data folder.
      expect(existsSync(join(work, 'export-data', 'logs', workflowId!, 'x.attempt-1.log'))).toBe(true);

      // The exported child applies the same rule: the package's own script in an opened workspace
      // runs; an unopened root or a command array is refused, and nothing runs.
      const childType = /export async function (PackageBuild_v\d+)\(/.exec(
        readFileSync(join(out, 'src/workflows.ts'), 'utf8'),
      )?.[1];
      expect(childType).toBeDefined();
      const child = (id: string, input: Record<string, unknown>) =>
        temporal.workflow.execute(childType!, {
          taskQueue,
          workflowId: `${workflowId!}-${id}`,
          args: [{ runId: id, packageName: '@ws/app', attempt: 1, ...input }],
        });
      await child('opened', { workspaceRoot: openedWorkspace });
      expect(readFileSync(join(openedWorkspace, 'built'), 'utf8')).toBe('ok');
      const refusal = async (id: string, input: Record<string, unknown>): Promise<string | undefined> =>
        child(id, input).then(
          () => 'completed',
          (error: { cause?: { cause?: { type?: string } } }) => error.cause?.cause?.type,
        );
      const other = makeWorkspace(join(work, 'never-opened'));
      expect(await refusal('unopened', { workspaceRoot: other })).toBe('WORKSPACE_NOT_OPENED');
      expect(existsSync(join(other, 'built'))).toBe(false);
      const marker = join(work, 'pwned');
      expect(await refusal('command', { command: ['touch', marker] })).toBe('INVALID_INPUT');
      expect(existsSync(marker)).toBe(false);
    } finally {
      await connection.close();
    }
    // The app's own activities wrote their build logs into the export's data folder.
    expect(existsSync(join(work, 'export-data', 'logs', buildLogRelativePath(workflowId!, 'x', 1)))).toBe(true);
  }, 90_000);

  it('the CLI exports a definition file', async () => {
    const file = join(work, 'definition.json');
    writeFileSync(file, JSON.stringify(roots[0]!.definition));
    const out = join(work, 'cli-out');
    const lines: string[] = [];
    const binding: CompilerBinding = {
      ...scenarioAdapter.compiler,
      compileWorkflow: () => ({ ok: false, diagnostics: [] }),
    };
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    // Children it references are looked up in the app's store (its data folder).
    const dataDir = join(work, 'data');
    const code = await runCli(
      ['export', '--definition', file, '--out', out, '--data-dir', dataDir],
      io,
      binding,
    );
    expect(lines.join('\n')).toContain('exported');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'src/workflows.ts'))).toBe(true);
    expect(
      await runCli(['export', '--definition', file, '--out', out, '--data-dir', dataDir], io, binding),
    ).toBe(1);
    expect(lines.at(-1)).toMatch(/not empty/);
    // By stored id, forced into the same folder.
    expect(
      await runCli(
        [
          'export',
          '--definition',
          `${roots[0]!.id}@${roots[0]!.version}`,
          '--out',
          out,
          '--force',
          '--data-dir',
          dataDir,
        ],
        io,
        binding,
      ),
    ).toBe(0);
    expect(lines.some((l) => l.includes('kept  src/activities.ts'))).toBe(true);
    expect(await runCli(['export', '--out', out], io, binding)).toBe(2);
    // Definition files refer to each other by file name: the demo pair exports without a store.
    const examples = join(repoRoot, 'examples');
    const demoOut = join(work, 'cli-demo');
    const demo = await runCli(
      [
        'export',
        '--definition',
        join(examples, 'package-builder.json'),
        '--definition',
        join(examples, 'package-build.json'),
        '--out',
        demoOut,
        '--data-dir',
        join(work, 'no-data'),
      ],
      io,
      { ...binding, ...defaultCompiler },
    );
    expect(demo).toBe(0);
    expect(lines.join('\n')).toContain('exported PackageBuilder_v1, PackageBuild_v1');
    expectStandsAlone(demoOut);
    expect(dirname(out)).toBe(work);
  });
});

/** No file of the export at `dir` names a path of workflow-builder's repository that the export lacks. */
function expectStandsAlone(dir: string): void {
  for (const file of listFiles(dir).filter((f) => /\.(ts|md|json)$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text, file).not.toMatch(/\b(?:docs|tests|scripts|benchmarks|examples)\/[\w-]+/);
    // The app's source folders (a definition's own text may name any src/ of the user's repos).
    const appFolders = /\bsrc\/(?:main|core|renderer|preload|workflow-runtime|runtime|workflow-builder)\b[\w./-]*[\w/]/g;
    for (const [path] of text.matchAll(appFolders)) {
      expect(existsSync(join(dir, path)), `${file} names ${path}`).toBe(true);
    }
  }
}

/** Every file under `dir` (node_modules left out), by path relative to it with / separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.name === 'node_modules') return [];
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

/** A one-package workspace whose `build` script writes `<root>/built`; returns its real path. */
function makeWorkspace(root: string): string {
  mkdirSync(join(root, 'packages', 'app'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*'] }));
  writeFileSync(
    join(root, 'packages', 'app', 'package.json'),
    JSON.stringify({
      name: '@ws/app',
      scripts: { build: `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync('../../built', 'ok')"` },
    }),
  );
  return realpathSync(root);
}

/** Runs node to completion: its exit code and everything it printed. */
function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}
