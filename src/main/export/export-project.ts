import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatTypeScript, inputTypeNameOf, taskQueueConstantName } from '../../core/compiler';
import type { InputSpec, InputType } from '../../core/definition';
import { IpcFailure, type ExportResult, type StoredDefinition } from '../../core/ipc';
import type { Store } from '../store';
import { formatDiagnostics, type ProjectCompilerBinding } from '../workflow-runtime/compiler-port';
import { DefinitionClosure } from '../workflow-runtime/definition-closure';
import { SafeFolder, UnsafePathError } from './safe-write';
import { vendorActivityFiles } from './vendor-layout';
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

/**
 * Files the compiler owns: rewritten on every export (packages.ts only when a definition lists its
 * packages inline; a stale one is removed). Everything else outside the vendored folders is written once.
 */
export const GENERATED_FILES = [
  'src/workflows.ts',
  'src/shared.ts',
  'src/activity-types.ts',
  'src/packages.ts',
];
/** The vendored workflow runtime; stale files in it are removed. */
export const RUNTIME_DIR = 'src/runtime';
/**
 * workflow-builder's own built-in activities, vendored with the modules they import (see
 * readActivitySources), except those the runtime already ships (see vendorActivityFiles).
 */
export const VENDOR_DIR = 'src/workflow-builder';

export interface ExportOptions {
  store: Pick<Store, 'definitions'>;
  compiler: ProjectCompilerBinding;
  /** Task queue of definitions that name none. */
  defaultTaskQueue: string;
  runtimeFiles: Record<string, string>;
  /** The app's activity sources by path under src/ (readActivitySources), vendored into VENDOR_DIR. */
  activityFiles: Record<string, string>;
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
    'tinyglobby',
    'yaml',
    'zod',
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

  const exported = (w: { workflowType: string; taskQueue: string }) => ({
    workflowType: w.workflowType,
    taskQueue: w.taskQueue,
    taskQueueConstant: taskQueueConstantName(w.workflowType),
    inputTypeName: inputTypeNameOf(w.workflowType),
  });
  const roots = options.roots.map((d) => {
    const w = result.workflows.find((x) => x.definitionId === d.id && x.version === d.version);
    if (!w) throw new IpcFailure('COMPILE_ERROR', `The compiler produced no workflow for "${d.name}"`);
    return { ...exported(w), definitionName: d.name };
  });
  const ctx: TemplateContext = {
    packageName: slug(options.roots[0]!.name),
    title: options.roots[0]!.name,
    versions: options.versions ?? installedVersions(),
    roots,
    workflows: result.workflows.map(exported),
    exampleInput: exampleInput(options.roots[0]!.definition.settings?.inputs ?? []),
    vendorDir: VENDOR_DIR.slice('src/'.length),
    orchestrated: (result.files['shared.ts'] ?? '').includes('getOrchestrationStateQuery'),
  };

  const activityFiles = vendorActivityFiles(options.runtimeFiles, options.activityFiles, {
    runtimeDir: RUNTIME_DIR,
    vendorDir: VENDOR_DIR,
  });
  // Generated: always (re)written. The user's: written once.
  const generated: Array<[string, string]> = [
    ...Object.entries(result.files).map(([name, text]): [string, string] => [`src/${name}`, text]),
    ...Object.entries(options.runtimeFiles).map(([name, text]): [string, string] => [
      `${RUNTIME_DIR}/${name}`,
      text,
    ]),
    ...Object.entries(activityFiles).map(([name, text]): [string, string] => [`${VENDOR_DIR}/${name}`, text]),
  ];
  const once: Array<[string, string]> = [
    ['package.json', packageJson(ctx)],
    ['tsconfig.json', tsconfigJson()],
    ['.gitignore', gitignore()],
    ['README.md', readme(ctx)],
    // Formatted as the generated files are, so the project reads as one.
    ['src/activities.ts', await formatTypeScript(activitiesTs(ctx))],
    ['src/worker.ts', await formatTypeScript(workerTs(ctx))],
    ['src/client.ts', await formatTypeScript(clientTs(ctx))],
  ];
  const stale = GENERATED_FILES.filter((path) => !generated.some(([p]) => p === path));

  const written: string[] = [];
  const kept: string[] = [];
  try {
    // Every target is checked before the first file is written: a refused export leaves the folder as it was.
    for (const [path] of [...generated, ...once]) await folder.check(path);
    const toWrite = [...generated];
    for (const entry of once) {
      if (await folder.exists(entry[0])) kept.push(entry[0]);
      else toWrite.push(entry);
    }
    // A stale generated file that is a symlink is refused here too, not after the first write.
    const staleFound: string[] = [];
    for (const path of stale) if (await folder.exists(path)) staleFound.push(path);
    for (const [path, text] of toWrite) {
      await folder.write(path, text);
      written.push(path);
    }
    for (const path of staleFound) await folder.remove(path);
    await folder.prune(RUNTIME_DIR, new Set(Object.keys(options.runtimeFiles)));
    await folder.prune(VENDOR_DIR, new Set(Object.keys(activityFiles)));
  } catch (error) {
    if (error instanceof UnsafePathError) throw new IpcFailure('INVALID_INPUT', error.message, 'outDir');
    throw error;
  }
  return {
    outDir: folder.root,
    workflows: result.workflows.map((w) => ({ workflowType: w.workflowType, taskQueue: w.taskQueue })),
    written: written.sort(),
    kept: kept.sort(),
  };
}

/** A JSON input for the README and the client's usage line: each input's default, or an empty value of its type. */
function exampleInput(inputs: readonly InputSpec[]): string {
  const empty: Record<InputType, unknown> = {
    string: '',
    number: 0,
    boolean: false,
    strings: [],
    record: {},
    json: {},
    packages: [],
  };
  const entries = inputs
    .filter((i) => i.required || i.default !== undefined)
    .map((i) => [i.name, i.default ?? empty[i.type]]);
  return JSON.stringify(Object.fromEntries(entries));
}
