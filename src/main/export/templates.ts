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
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Activities, BuildPackageInput, ReadWorkspaceInput, WorkspacePackage, WriteReportInput } from './activity-types';

const DATA_DIR = process.env.DATA_DIR ?? resolve('data');

export function createActivities(): Activities {
  return {
    async greet(name) {
      return \`Hello, \${name}!\`;
    },

    async buildPackage(input: BuildPackageInput) {
      const started = Date.now();
      const logDir = join(input.logDir ?? join(DATA_DIR, 'logs'), safe(input.runId));
      await mkdir(logDir, { recursive: true });
      const logFile = join(logDir, \`\${safe(input.packageName)}.log\`);
      const log = createWriteStream(logFile, { flags: 'a' });
      log.write(\`# \${input.packageName} attempt \${input.attempt}\\n\`);
      try {
        if (input.failWith) throw ApplicationFailure.nonRetryable(input.failWith, 'BuildFailed');
        if (input.command && input.command.length > 0) {
          await runCommand(input.command, input.cwd, log);
        } else {
          // Simulated build: a cancellable sleep with heartbeats.
          const ctx = Context.current();
          const end = Date.now() + (input.simulatedDurationMs ?? 1000);
          while (Date.now() < end) {
            ctx.heartbeat();
            await ctx.sleep(Math.min(1000, end - Date.now()));
          }
        }
        return { packageName: input.packageName, durationMs: Date.now() - started, logFile };
      } finally {
        log.end();
      }
    },

    async readWorkspace(input: ReadWorkspaceInput) {
      const root = resolve(input.root);
      const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] | { packages?: string[] } };
      const globs = (Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages) ?? ['packages/*'];
      const dirs: string[] = [];
      for (const glob of globs) {
        // Simple globs only: "dir/*" or a folder.
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
      const packages: WorkspacePackage[] = [...manifests.entries()]
        .map(([name, { dir, json }]) => {
          const deps = new Map<string, WorkspacePackage['dependencies'][number]['kind']>();
          for (const [field, kind] of kinds) for (const dep of Object.keys(json[field] ?? {})) if (manifests.has(dep) && !deps.has(dep)) deps.set(dep, kind);
          return { name, dir, dependencies: [...deps].map(([dep, kind]) => ({ name: dep, kind })).sort((a, b) => a.name.localeCompare(b.name)) };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      return { packages, source: manifest.workspaces ? 'package.json' : 'default' };
    },

    async writeReport(input: WriteReportInput) {
      const dir = join(input.dir ?? join(DATA_DIR, 'reports'), safe(input.runId));
      await mkdir(dir, { recursive: true });
      const path = join(dir, 'report.json');
      const markdownPath = join(dir, 'report.md');
      await writeFile(path, JSON.stringify(input.report, null, 2));
      await writeFile(markdownPath, \`# \${input.title}\\n\\n\\\`\\\`\\\`json\\n\${JSON.stringify(input.report, null, 2)}\\n\\\`\\\`\\\`\\n\`);
      return { path, markdownPath };
    },
  };
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._@-]+/g, '_');
}

function runCommand(command: string[], cwd: string | undefined, log: NodeJS.WritableStream): Promise<void> {
  const [program, ...args] = command;
  const ctx = Context.current();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program!, args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
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
      else reject(ApplicationFailure.nonRetryable(\`\${command.join(' ')} exited with code \${String(code)}\`, 'BuildFailed'));
    });
  });
}
`;
}

export function workerTs(ctx: TemplateContext): string {
  return `/**
 * The worker: runs the exported workflows and the activities on ${ctx.taskQueues.length === 1 ? 'their task queue' : 'their task queues'}.
 *   TEMPORAL_ADDRESS (default localhost:7233), TEMPORAL_NAMESPACE (default "default")
 */
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createActivities } from './activities';

export const TASK_QUEUES = ${JSON.stringify(ctx.taskQueues)};

async function run(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    // Bundled once, shared by the workers of every task queue.
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows') });
    const activities = createActivities();
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
npm start                          # the worker (src/worker.ts)
npm run workflow -- '{}'           # start ${ctx.roots[0]?.workflowType ?? 'a workflow'} with a JSON input (src/client.ts)
\`\`\`

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
