import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IpcFailure, type ExportResult, type StoredDefinition } from '../../core/ipc';
import type { Store } from '../store';
import { formatDiagnostics, type ProjectCompilerBinding } from '../workflow-runtime/compiler-port';
import { DefinitionClosure } from '../workflow-runtime/definition-closure';
import { SafeFolder, UnsafePathError } from './safe-write';
import {
  activitiesTs,
  clientTs,
  gitignore,
  packageJson,
  readme,
  slug,
  tsconfigJson,
  workerTs,
  type TemplateContext,
} from './templates';

/** Files the compiler owns: rewritten on every export (packages.ts only when a definition lists packages inline, removed otherwise). Everything else is written once. */
export const GENERATED_FILES = ['src/workflows.ts', 'src/shared.ts', 'src/activity-types.ts', 'src/packages.ts'] as const;
/** The generated folder of the vendored runtime (graph engine); stale files in it are removed. */
export const RUNTIME_DIR = 'src/runtime';

export interface ExportOptions {
  store: Pick<Store, 'definitions'>;
  compiler: ProjectCompilerBinding;
  /** Task queue of definitions that name none. */
  defaultTaskQueue: string;
  runtimeFiles: Record<string, string>;
  /** The definitions to export (stored ones, or one read from a file with a made-up id). */
  roots: StoredDefinition[];
  outDir: string;
  /** Allow a non-empty target: generated files are overwritten, the user's are kept. */
  force?: boolean;
  /** Pinned versions. @default the versions installed with this app */
  versions?: Record<string, string>;
}

/** Versions of the packages an export pins: the ones this app runs with. */
export function installedVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of [
    '@temporalio/activity',
    '@temporalio/client',
    '@temporalio/common',
    '@temporalio/worker',
    '@temporalio/workflow',
    'typescript',
    'tsx',
    '@types/node',
  ]) {
    try {
      const file = require.resolve(`${name}/package.json`);
      if (existsSync(file))
        versions[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      // not installed (a packaged app without dev tools): the export says "latest" for it
    }
  }
  return versions;
}

/**
 * Writes a standalone Temporal TypeScript project for `roots` (and the child definitions they
 * reference). Refuses a non-empty target unless forced; never writes outside it.
 */
export async function exportProject(options: ExportOptions): Promise<ExportResult> {
  if (options.roots.length === 0)
    throw new IpcFailure('INVALID_INPUT', 'Nothing to export: name at least one definition');
  const closure = new DefinitionClosure(options.store, options.compiler, options.defaultTaskQueue);
  const { result } = await closure.compile(options.roots);
  if (!result.ok) {
    throw new IpcFailure('COMPILE_ERROR', `Cannot export: ${formatDiagnostics(result.diagnostics)}`);
  }

  let folder: SafeFolder;
  try {
    folder = await SafeFolder.open(options.outDir);
  } catch (error) {
    throw new IpcFailure(
      'INVALID_INPUT',
      `Cannot use ${options.outDir} as the export folder: ${(error as Error).message}`,
      'outDir',
    );
  }
  if (!options.force && !(await folder.isEmpty())) {
    throw new IpcFailure(
      'CONFLICT',
      `${folder.root} is not empty: export into an empty folder, or force it (generated files are overwritten, yours are kept)`,
      'outDir',
    );
  }

  const roots = options.roots.map((d) => {
    const w = result.workflows.find((x) => x.definitionId === d.id && x.version === d.version);
    if (!w) throw new IpcFailure('COMPILE_ERROR', `The compiler produced no workflow for "${d.name}"`);
    return { workflowType: w.workflowType, taskQueue: w.taskQueue, definitionName: d.name };
  });
  const ctx: TemplateContext = {
    packageName: slug(options.roots[0]!.name),
    title: options.roots[0]!.name,
    versions: options.versions ?? installedVersions(),
    taskQueues: [...new Set(result.workflows.map((w) => w.taskQueue))].sort(),
    roots,
    workflows: result.workflows.map((w) => ({ workflowType: w.workflowType, taskQueue: w.taskQueue })),
  };

  const written: string[] = [];
  const kept: string[] = [];
  try {
    // Generated: always (re)written.
    for (const [name, text] of Object.entries(result.files)) {
      await folder.write(`src/${name}`, text);
      written.push(`src/${name}`);
    }
    for (const [name, text] of Object.entries(options.runtimeFiles)) {
      await folder.write(`${RUNTIME_DIR}/${name}`, text);
      written.push(`${RUNTIME_DIR}/${name}`);
    }
    await folder.prune(RUNTIME_DIR, new Set(Object.keys(options.runtimeFiles)));
    // The user's: written once.
    const once: Array<[string, string]> = [
      ['package.json', packageJson(ctx)],
      ['tsconfig.json', tsconfigJson()],
      ['.gitignore', gitignore()],
      ['README.md', readme(ctx)],
      ['src/activities.ts', activitiesTs()],
      ['src/worker.ts', workerTs(ctx)],
      ['src/client.ts', clientTs(ctx)],
    ];
    for (const [path, text] of once) {
      if (await folder.exists(path)) {
        kept.push(path);
        continue;
      }
      await folder.write(path, text);
      written.push(path);
    }
  } catch (error) {
    if (error instanceof UnsafePathError) throw new IpcFailure('INVALID_INPUT', error.message, 'outDir');
    throw error;
  }
  return { outDir: folder.root, workflows: ctx.workflows, written: written.sort(), kept: kept.sort() };
}
