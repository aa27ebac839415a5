/**
 * The hand-editable files of an exported project, shaped like Temporal's TypeScript samples.
 * Written once: after the first export they belong to the user and are never overwritten.
 */

/** A workflow of the export, with the names shared.ts gives it. */
export interface ExportedWorkflow {
  workflowType: string;
  taskQueue: string;
  /** Task queue constant in shared.ts: `PACKAGE_BUILDER_V1_TASK_QUEUE`. */
  taskQueueConstant: string;
  /** Input interface in shared.ts: `PackageBuilderV1Input`. */
  inputTypeName: string;
}

export interface TemplateContext {
  /** npm package name of the export. */
  packageName: string;
  /** Human title (the first definition's name). */
  title: string;
  /** Exact versions to pin: @temporalio/* as ours, zod, typescript, tsx, @types/node. */
  versions: Record<string, string>;
  /** The workflows of the definitions asked for (children excluded); the first is the client's. */
  roots: Array<ExportedWorkflow & { definitionName: string }>;
  /** Every workflow of the project. */
  workflows: ExportedWorkflow[];
  /** An input for the README's example run of the client's workflow (JSON text). */
  exampleInput: string;
  /** Folder of the vendored app sources under src/ (the built-in activities). */
  vendorDir: string;
  /** Whether the workflows answer the orchestration query (they have a package loop). */
  orchestrated: boolean;
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
      // The vendored activities read workspaces with the same libraries as the app.
      tinyglobby: v('tinyglobby'),
      yaml: v('yaml'),
      zod: v('zod'),
    },
    devDependencies: {
      '@types/node': v('@types/node'),
      tsx: v('tsx'),
      typescript: v('typescript'),
    },
    // The install scripts the Temporal packages (and tsx's esbuild) need, as in workflow-builder's own package.json.
    allowScripts: { '@swc/core': true, esbuild: true, protobufjs: true },
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
  return [
    'node_modules/',
    'lib/',
    '*.tsbuildinfo',
    '# Build logs and reports the activities write (DATA_DIR)',
    'data/',
    '',
  ].join('\n');
}

export function activitiesTs(ctx: TemplateContext): string {
  return `/**
 * The activities the worker registers. The built-in ones are workflow-builder's own
 * implementations, vendored in src/${ctx.vendorDir}/ (rewritten by every export); the interface the
 * workflows call (activity-types.ts) is generated. This file is yours: wrap or replace them here.
 *
 * Who decides what runs: anyone who can reach your Temporal frontend can start a workflow with any
 * input, so an input never names a program or a folder. A build runs the package's own package.json
 * scripts in a workspace this worker was given (--workspace), or a command of ALLOWED_COMMANDS, by
 * name.
 */
import type { Activities } from './activity-types';
import { createActivities as createBuiltinActivities } from './${ctx.vendorDir}/main/activities';

/** Commands definitions may name (buildPackage's \`command\`): run without a shell in the package folder. */
export const ALLOWED_COMMANDS: { name: string; program: string; args: string[] }[] = [
  // { name: 'clean', program: 'rm', args: ['-rf', 'dist'] },
];

/**
 * The activities of the worker: build logs and reports are written under \`dataDir\`; builds run
 * only in \`workspaces\` (absolute folders).
 */
export function createActivities(dataDir: string, workspaces: readonly string[]): Activities {
  const policy = { workspaces, commands: ALLOWED_COMMANDS };
  return createBuiltinActivities({ dataDir, policy: () => policy });
}
`;
}

/** One task queue constant per distinct queue (two workflows may share one). */
function queueConstants(ctx: TemplateContext): string[] {
  const byQueue = new Map<string, string>();
  for (const w of ctx.workflows) if (!byQueue.has(w.taskQueue)) byQueue.set(w.taskQueue, w.taskQueueConstant);
  return [...byQueue.values()];
}

export function workerTs(ctx: TemplateContext): string {
  const queues = queueConstants(ctx);
  return `/**
 * The worker: runs the exported workflows and their activities, one worker per task queue.
 *   TEMPORAL_ADDRESS (default localhost:7233), TEMPORAL_NAMESPACE (default "default"),
 *   DATA_DIR: where build logs and reports go (default ./data)
 *   --workspace <dir> (repeatable; or WORKSPACES, folders separated by the path delimiter): the
 *   monorepos builds may run in. Without one, builds are simulated only.
 */
import { delimiter, resolve } from 'node:path';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createActivities } from './activities';
import { ${[...queues].sort().join(', ')} } from './shared';

const TASK_QUEUES = [${queues.join(', ')}];

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
    const activities = createActivities(process.env.DATA_DIR ?? resolve('data'), workspaces(process.argv.slice(2)));
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
 * Starts ${root.workflowType} (${root.definitionName}) with the JSON input given as the first argument,
 * and prints its result:
 *   npm run workflow -- '${ctx.exampleInput}'
 *   TEMPORAL_ADDRESS (default localhost:7233), TEMPORAL_NAMESPACE (default "default")
 */
import { Client, Connection } from '@temporalio/client';
import { ${root.taskQueueConstant}, type ${root.inputTypeName} } from './shared';
import { ${root.workflowType} } from './workflows';

async function run(): Promise<void> {
  const input: ${root.inputTypeName} = JSON.parse(process.argv[2] ?? '{}');
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const handle = await client.workflow.start(${root.workflowType}, {
      taskQueue: ${root.taskQueueConstant},
      workflowId: \`${slug(root.definitionName)}-\${Date.now().toString(36)}\`,
      args: [input],
    });
    console.log(\`started \${handle.workflowId}\`);
    console.log(JSON.stringify(await handle.result(), null, 2));
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

export function readme(ctx: TemplateContext): string {
  const root = ctx.roots[0]!;
  const rows = ctx.workflows.map((w) => `| \`${w.workflowType}\` | \`${w.taskQueue}\` |`).join('\n');
  return `# ${ctx.title}

Temporal workflows exported from workflow-builder: a standalone TypeScript project in the shape of
Temporal's samples.

| Workflow type | Task queue |
| --- | --- |
${rows}

## Run it

You need Node.js 20 or later and a Temporal server: the [Temporal CLI](https://docs.temporal.io/cli)'s
\`temporal server start-dev\` is enough (or point \`TEMPORAL_ADDRESS\` and \`TEMPORAL_NAMESPACE\` at your
cluster).

\`\`\`sh
npm install
npm run build                # type-checks and compiles to lib/
temporal server start-dev    # in a second terminal, unless you use a cluster
npm start                    # in a third terminal: the worker (src/worker.ts)
npm run workflow -- '${ctx.exampleInput}'
\`\`\`

The last command starts \`${root.workflowType}\` with that JSON input (src/client.ts), waits for it
and prints its result. Build logs and reports are written under \`data/\` (\`DATA_DIR\`).

## Real builds

\`buildPackage\` simulates a build unless its input names a \`workspaceRoot\`: then it runs the package's own
package.json scripts (\`scripts\`, default \`["build"]\`) in that workspace, only if the worker was started with
it (\`npm start -- --workspace ~/my-repo\`, repeatable, or \`WORKSPACES\`). Any other folder fails with
\`WORKSPACE_NOT_OPENED\`, and a program in the input with \`INVALID_INPUT\`: whoever can start a workflow must
not choose what your worker runs. Extra commands (e.g. \`clean\`) go into \`ALLOWED_COMMANDS\` in
\`src/activities.ts\`, and definitions name them.

## Files

- \`src/workflows.ts\`, \`src/shared.ts\`, \`src/activity-types.ts\`, \`src/packages.ts\` (when a
  definition lists its packages), \`src/runtime/\` and \`src/${ctx.vendorDir}/\` are **generated**:
  a re-export from workflow-builder rewrites them. \`src/runtime/\` is the machinery the workflows
  share (package loops, the orchestration query, the dependency graph engine);
  \`src/${ctx.vendorDir}/\` holds workflow-builder's built-in activity implementations, which import
  the graph engine and the orchestration state from \`src/runtime/\`: the project has one copy of each.
- \`src/activities.ts\`, \`src/worker.ts\`, \`src/client.ts\`, this README, \`package.json\`,
  \`tsconfig.json\` and \`.gitignore\` are written once and are yours to edit: a re-export never
  touches them.
${
  ctx.orchestrated
    ? `
A running orchestration answers the \`getOrchestrationState\` query
(\`temporal workflow query --type getOrchestrationState -w <id>\`); after failures it waits in its
retry window for the \`retryFailed\` or \`finish\` signal
(\`temporal workflow signal --name finish -w <id>\`).
`
    : ''
}`;
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
