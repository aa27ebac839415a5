import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../app/private-files';

/** A generated project: the compiler's files plus the runtime (graph engine) sources. */
export interface GeneratedProject {
  /** Compiler output, relative to the project's `src/`: workflows.ts, shared.ts, activity-types.ts. */
  files: Record<string, string>;
  /** Runtime sources by file name, copied into `src/runtime/` (see readRuntimeSources). */
  runtimeFiles: Record<string, string>;
  /**
   * More workflow modules bundled with the compiled ones (e.g. the app's built-in workflows when
   * they share a task queue), by file name under `src/extra/`. With any, the bundle's entry is a
   * generated `src/bundle-entry.ts` re-exporting workflows.ts and each of them.
   */
  extraWorkflowFiles?: Record<string, string>;
}

/** Entry module written when a project has extra workflow files. */
export const BUNDLE_ENTRY = 'bundle-entry.ts';

/** An assembled project on disk. */
export interface AssembledProject {
  /** Content hash of the project (sha256 hex). */
  hash: string;
  /** `<dataDir>/builds/<hash>` */
  dir: string;
  /** `<dir>/src` */
  srcDir: string;
  /** `<srcDir>/workflows.ts` (or the bundle entry): what the bundler is given. */
  workflowsPath: string;
}

/** Every file of the project keyed by its path under `src/`, sorted: the one list hashed and written. */
export function projectEntries(project: GeneratedProject): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ...Object.entries(project.files).map(([path, text]): [string, string] => [checkRelative(path), text]),
    ...Object.entries(project.runtimeFiles).map(([name, text]): [string, string] => [
      checkRelative(`runtime/${name}`),
      text,
    ]),
  ];
  const extra = Object.entries(project.extraWorkflowFiles ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (extra.length > 0) {
    for (const [name, text] of extra) entries.push([checkRelative(`extra/${name}`), text]);
    const reexports = [
      "export * from './workflows';",
      ...extra.map(([name]) => `export * from './extra/${name.replace(/\.ts$/, '')}';`),
    ];
    entries.push([BUNDLE_ENTRY, `${reexports.join('\n')}\n`]);
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** sha256 over every path and text: equal for equal projects, whatever the order the files came in. */
export function projectHash(project: GeneratedProject): string {
  const hash = createHash('sha256');
  for (const [path, text] of projectEntries(project)) hash.update(`${path}\0${text}\0`);
  return hash.digest('hex');
}

/**
 * Writes a generated project to `<dataDir>/builds/<hash>/src/`. Content-addressed: an existing
 * build of the same hash is reused as is. Written to a temporary folder first and renamed, so a
 * half-written build is never picked up.
 */
export async function assembleProject(dataDir: string, project: GeneratedProject): Promise<AssembledProject> {
  const hash = projectHash(project);
  const buildsDir = join(dataDir, 'builds');
  const dir = join(buildsDir, hash);
  const srcDir = join(dir, 'src');
  const entry = Object.keys(project.extraWorkflowFiles ?? {}).length > 0 ? BUNDLE_ENTRY : 'workflows.ts';
  const result = { hash, dir, srcDir, workflowsPath: join(srcDir, entry) };
  if (existsSync(join(dir, '.complete'))) return result;

  const tmp = join(buildsDir, `.tmp-${hash.slice(0, 16)}-${randomBytes(4).toString('hex')}`);
  try {
    for (const [path, text] of projectEntries(project)) {
      const target = join(tmp, 'src', path);
      await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFile(target, text, { mode: PRIVATE_FILE_MODE });
    }
    await writeFile(join(tmp, '.complete'), `${new Date().toISOString()}\n`, { mode: PRIVATE_FILE_MODE });
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    // Another assembly of the same content won the rename: its result is identical.
    if (existsSync(join(dir, '.complete'))) return result;
    throw error;
  }
  return result;
}

/** A project path must stay inside the project: relative, normalized, no `..`. */
function checkRelative(path: string): string {
  const normalized = normalize(path).split(sep).join('/');
  if (
    isAbsolute(path) ||
    normalized.startsWith('../') ||
    normalized === '..' ||
    normalized.includes('/../')
  ) {
    throw new Error(`Generated file path escapes the project: ${path}`);
  }
  return normalized;
}
