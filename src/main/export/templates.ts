/**
 * The hand-editable files of an exported project, shaped like Temporal's TypeScript samples.
 * Written once: after the first export they belong to the user and are never overwritten.
 */

export interface TemplateContext {
  /** npm package name of the export. */
  packageName: string;
  /** Human title (the first definition's name). */
  title: string;
  /** Exact versions to pin: @temporalio/* as ours, typescript, tsx, @types/node. */
  versions: Record<string, string>;
  /** Task queues the worker serves. */
  taskQueues: string[];
  /** Workflows of the definitions asked for (children excluded), the first is the client's default. */
  roots: Array<{ workflowType: string; taskQueue: string; definitionName: string }>;
  /** Every workflow of the project. */
  workflows: Array<{ workflowType: string; taskQueue: string }>;
}

export function packageJson(ctx: TemplateContext): string {
  const v = (name: string): string => ctx.versions[name] ?? 'latest';
  const pkg = {
    name: ctx.packageName,
    version: '0.1.0',
    private: true,
    description: `${ctx.title}: Temporal workflows exported from workflow-builder`,
    scripts: {
      build: 'tsc --build',
      'build.watch': 'tsc --build --watch',
      typecheck: 'tsc --noEmit',
      start: 'tsx src/worker.ts',
      workflow: 'tsx src/client.ts',
    },
    dependencies: {
      '@temporalio/activity': v('@temporalio/activity'),
      '@temporalio/client': v('@temporalio/client'),
      '@temporalio/common': v('@temporalio/common'),
      '@temporalio/worker': v('@temporalio/worker'),
      '@temporalio/workflow': v('@temporalio/workflow'),
    },
    devDependencies: {
      '@types/node': v('@types/node'),
      tsx: v('tsx'),
      typescript: v('typescript'),
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      forceConsistentCasingInFileNames: true,
      resolveJsonModule: true,
      sourceMap: true,
      declaration: false,
      rootDir: './src',
      outDir: './lib',
      types: ['node'],
    },
    include: ['src/**/*.ts'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function gitignore(): string {
  return 'node_modules\nlib\n';
}

export function activitiesTs(): string {
  return `/**
 * Activity implementations for the exported workflows. The interface they implement
 * (activity-types.ts) is generated; this file is yours: adapt the builds to your tooling.
 * Activities run in the worker process and may do any I/O.
 *
 * Who decides what runs: anyone who can reach your Temporal frontend can start a workflow with
 * any input, so the input never names a program or a folder to write to. A build runs the
 * package's own package.json scripts in a workspace this worker was given (--workspace), or a
 * command of ALLOWED_COMMANDS below, by name.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Activities, BuildPackageInput, ReadWorkspaceInput, WorkspacePackage, WriteReportInput } from './activity-types';

const DATA_DIR = process.env.DATA_DIR ?? resolve('data');

/** Commands definitions may name (buildPackage's \`command\`): run without a shell in the package folder. */
export const ALLOWED_COMMANDS: Record<string, { program: string; args: string[] }> = {
  // clean: { program: 'rm', args: ['-rf', 'dist'] },
};

export interface ActivityOptions {
  /** Workspace roots builds may run in (the worker's --workspace folders). */
  workspaces: string[];
}

export function createActivities(options: ActivityOptions): Activities {
  const openedRoot = async (activity: string, field: string, root: string): Promise<string> => {
    if (!isAbsolute(root)) throw invalid(activity, field, \`\${JSON.stringify(root)} is not an absolute path\`);
    const real = await realpath(root).catch(() => undefined);
    const opened = await Promise.all(options.workspaces.map((dir) => realpath(dir).catch(() => undefined)));
    if (real === undefined || !opened.includes(real)) {
      throw ApplicationFailure.create({
        message: \`\${activity}: \${field}: the workspace \${JSON.stringify(root)} is not open on this worker; start the worker with --workspace\`,
        type: 'WORKSPACE_NOT_OPENED',
        nonRetryable: true,
      });
    }
    return real;
  };

  return {
    async greet(name) {
      return \`Hello, \${name}!\`;
    },

    async buildPackage(input: BuildPackageInput) {
      if (Array.isArray((input as { command?: unknown }).command)) {
        throw invalid('buildPackage', 'command', 'a program and its arguments are not accepted: name a command of ALLOWED_COMMANDS');
      }
      const started = Date.now();
      const logDir = join(DATA_DIR, 'logs', safe(input.runId));
      await mkdir(logDir, { recursive: true });
      const logFile = join(logDir, \`\${safe(input.packageName)}.log\`);
      const log = createWriteStream(logFile, { flags: 'a' });
      log.write(\`# \${input.packageName} attempt \${input.attempt}\\n\`);
      try {
        if (input.workspaceRoot !== undefined) {
          const root = await openedRoot('buildPackage', 'workspaceRoot', input.workspaceRoot);
          const pkg = (await readPackages(root)).find((p) => p.name === input.packageName);
          if (!pkg) throw invalid('buildPackage', 'packageName', \`no package "\${input.packageName}" in \${root}\`);
          const dir = await realpath(join(root, pkg.dir));
          if (!inside(root, dir)) throw invalid('buildPackage', 'packageName', \`\${dir} is outside the workspace \${root}\`);
          const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
          const env = { ...process.env, PATH: [join(dir, 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), process.env.PATH ?? ''].join(process.platform === 'win32' ? ';' : ':') };
          for (const name of input.scripts ?? ['build']) {
            const script = manifest.scripts && Object.hasOwn(manifest.scripts, name) ? manifest.scripts[name] : undefined;
            if (typeof script !== 'string') {
              log.write(\`no "\${name}" script: nothing to run\\n\`);
              continue;
            }
            const shell = process.platform === 'win32' ? ['cmd.exe', '/d', '/s', '/c', script] : ['sh', '-c', script];
            await runCommand(shell, dir, env, log);
          }
          if (input.command !== undefined) {
            const allowed = Object.hasOwn(ALLOWED_COMMANDS, input.command) ? ALLOWED_COMMANDS[input.command] : undefined;
            if (!allowed) throw invalid('buildPackage', 'command', \`"\${input.command}" is not in ALLOWED_COMMANDS\`);
            await runCommand([allowed.program, ...allowed.args], dir, env, log);
          }
        } else if (input.scripts !== undefined || input.command !== undefined) {
          throw invalid('buildPackage', input.scripts !== undefined ? 'scripts' : 'command', 'needs workspaceRoot');
        } else {
          // Simulated build: a cancellable sleep with heartbeats.
          const ctx = Context.current();
          const end = Date.now() + (input.simulatedDurationMs ?? 1000);
          while (Date.now() < end) {
            ctx.heartbeat();
            await ctx.sleep(Math.min(1000, end - Date.now()));
          }
        }
        if (input.failWith) throw ApplicationFailure.nonRetryable(input.failWith, 'PackageBuildFailed');
        return { packageName: input.packageName, durationMs: Date.now() - started, logFile };
      } finally {
        log.end();
      }
    },

    async readWorkspace(input: ReadWorkspaceInput) {
      const root = await openedRoot('readWorkspace', 'root', input.root);
      const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { workspaces?: unknown };
      return { packages: await readPackages(root), source: manifest.workspaces ? 'package.json' : 'default' };
    },

    async writeReport(input: WriteReportInput) {
      const dir = join(DATA_DIR, 'reports', safe(input.runId));
      await mkdir(dir, { recursive: true });
      const path = join(dir, 'report.json');
      const markdownPath = join(dir, 'report.md');
      await writeFile(path, JSON.stringify(input.report, null, 2));
      await writeFile(markdownPath, \`# \${input.title}\\n\\n\\\`\\\`\\\`json\\n\${JSON.stringify(input.report, null, 2)}\\n\\\`\\\`\\\`\\n\`);
      return { path, markdownPath };
    },
  };
}

/** The packages of an npm/yarn workspace (simple globs only: "dir/*" or a folder). */
async function readPackages(root: string): Promise<WorkspacePackage[]> {
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] | { packages?: string[] } };
  const globs = (Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages) ?? ['packages/*'];
  const dirs: string[] = [];
  for (const glob of globs) {
    if (glob.endsWith('/*')) {
      const base = glob.slice(0, -2);
      for (const name of await readdir(join(root, base)).catch(() => [])) dirs.push(\`\${base}/\${name}\`);
    } else dirs.push(glob);
  }
  const manifests = new Map<string, { dir: string; json: Record<string, Record<string, string> | undefined> }>();
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (!(await stat(file).catch(() => undefined))) continue;
    const json = JSON.parse(await readFile(file, 'utf8')) as { name?: string } & Record<string, Record<string, string> | undefined>;
    if (typeof json.name === 'string') manifests.set(json.name, { dir, json });
  }
  const kinds = [['dependencies', 'dependency'], ['devDependencies', 'dev'], ['peerDependencies', 'peer'], ['optionalDependencies', 'optional']] as const;
  return [...manifests.entries()]
    .map(([name, { dir, json }]) => {
      const deps = new Map<string, WorkspacePackage['dependencies'][number]['kind']>();
      for (const [field, kind] of kinds) for (const dep of Object.keys(json[field] ?? {})) if (manifests.has(dep) && !deps.has(dep)) deps.set(dep, kind);
      return { name, dir, dependencies: [...deps].map(([dep, kind]) => ({ name: dep, kind })).sort((a, b) => a.name.localeCompare(b.name)) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function invalid(activity: string, field: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({ message: \`\${activity}: invalid input: \${field}: \${problem}\`, type: 'INVALID_INPUT', nonRetryable: true });
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(\`..\${sep}\`) && !isAbsolute(rel));
}

/** One safe path segment: no separators, never "." or "..". */
function safe(name: string): string {
  const segment = name.replace(/[^A-Za-z0-9._@-]+/g, '_');
  return /^\\.*$/.test(segment) ? \`_\${segment}\` : segment;
}

function runCommand(command: string[], cwd: string, env: NodeJS.ProcessEnv, log: NodeJS.WritableStream): Promise<void> {
  const [program, ...args] = command;
  const ctx = Context.current();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program!, args, { cwd, env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const heartbeat = setInterval(() => ctx.heartbeat(), 1000);
    ctx.cancelled.catch(() => child.kill('SIGTERM'));
    child.on('error', (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(heartbeat);
      if (code === 0) resolvePromise();
      else reject(ApplicationFailure.retryable(\`\${command.join(' ')} exited with code \${String(code)}\`, 'PackageBuildFailed'));
    });
  });
}
`;
}

export function workerTs(ctx: TemplateContext): string {
  return `/**
 * The worker: runs the exported workflows and the activities on ${ctx.taskQueues.length === 1 ? 'their task queue' : 'their task queues'}.
 *   TEMPORAL_ADDRESS (default localhost:7233), TEMPORAL_NAMESPACE (default "default")
 *   --workspace <dir> (repeatable; or WORKSPACES, folders separated by the path delimiter): the
 *   monorepos builds may run in. Without one, builds are simulated only.
 */
import { delimiter, resolve } from 'node:path';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createActivities } from './activities';

export const TASK_QUEUES = ${JSON.stringify(ctx.taskQueues)};

/** The workspaces named by --workspace args and the WORKSPACES variable, as absolute paths. */
function workspaces(argv: string[]): string[] {
  const dirs = (process.env.WORKSPACES ?? '').split(delimiter).filter(Boolean);
  argv.forEach((arg, i) => {
    if (arg === '--workspace' && argv[i + 1]) dirs.push(argv[i + 1]!);
    else if (arg.startsWith('--workspace=')) dirs.push(arg.slice('--workspace='.length));
  });
  return dirs.map((dir) => resolve(dir));
}

async function run(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    // Bundled once, shared by the workers of every task queue.
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows') });
    const activities = createActivities({ workspaces: workspaces(process.argv.slice(2)) });
    const workers = await Promise.all(
      TASK_QUEUES.map((taskQueue) => Worker.create({ connection, namespace, taskQueue, workflowBundle, activities })),
    );
    console.log(\`worker ready on \${TASK_QUEUES.join(', ')}\`);
    await Promise.all(workers.map((worker) => worker.run()));
  } finally {
    await connection.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
`;
}

export function clientTs(ctx: TemplateContext): string {
  const root = ctx.roots[0]!;
  return `/**
 * Starts ${root.workflowType} (${root.definitionName}) and prints its progress and result.
 *   npm run workflow -- '{"some": "input"}'
 */
import { Client, Connection } from '@temporalio/client';
import { ${root.workflowType} } from './workflows';

async function run(): Promise<void> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const input: unknown = process.argv[2] ? JSON.parse(process.argv[2]) : {};
  const args = (${root.workflowType}.length > 0 ? [input] : []) as Parameters<typeof ${root.workflowType}>;
  const handle = await client.workflow.start(${root.workflowType}, {
    taskQueue: ${JSON.stringify(root.taskQueue)},
    workflowId: \`${slug(root.definitionName)}-\${Date.now().toString(36)}\`,
    args,
  });
  console.log(\`started \${handle.workflowId}\`);
  console.log(JSON.stringify(await handle.result(), null, 2));
  await connection.close();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
`;
}

export function readme(ctx: TemplateContext): string {
  const rows = ctx.workflows.map((w) => `| \`${w.workflowType}\` | \`${w.taskQueue}\` |`).join('\n');
  return `# ${ctx.title}

Temporal workflows exported from [workflow-builder](https://github.com/) — a standalone TypeScript
project in the shape of Temporal's samples.

| Workflow type | Task queue |
| --- | --- |
${rows}

## Run

\`\`\`sh
npm install
temporal server start-dev          # or point TEMPORAL_ADDRESS at your cluster
npm start -- --workspace ~/my-repo # the worker (src/worker.ts); builds run only in --workspace folders
npm run workflow -- '{}'           # start ${ctx.roots[0]?.workflowType ?? 'a workflow'} with a JSON input (src/client.ts)
\`\`\`

## Real builds

\`buildPackage\` simulates a build unless its input names a \`workspaceRoot\`: then it runs the package's own
package.json scripts (\`scripts\`, default \`["build"]\`) in that workspace — only if the worker was started with
it (\`--workspace <dir>\`, repeatable, or \`WORKSPACES\`). Any other folder fails with \`WORKSPACE_NOT_OPENED\`; a
program in the input fails with \`INVALID_INPUT\`: whoever can start a workflow must not choose what your worker
runs. Extra commands (e.g. \`clean\`) go into \`ALLOWED_COMMANDS\` in \`src/activities.ts\`, and definitions name them.

## Files

- \`src/workflows.ts\`, \`src/shared.ts\`, \`src/activity-types.ts\`, \`src/runtime/\` — **generated**: a
  re-export from workflow-builder overwrites them. \`src/runtime/\` is the dependency-graph engine
  the workflows use (ReadyTracker and friends), vendored.
- \`src/activities.ts\`, \`src/worker.ts\`, \`src/client.ts\`, this README, \`package.json\`,
  \`tsconfig.json\` — written once; yours to edit. A re-export never touches them.

Running orchestrations answer the \`getOrchestrationState\` query (\`temporal workflow query
--type getOrchestrationState -w <id>\`) and, in their retry window, the \`retryFailed\` and \`finish\`
signals.
`;
}

export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'workflows'
  );
}
