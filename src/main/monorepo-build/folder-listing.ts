/**
 * The folder chooser's one service: the sub-folders of a folder, served by the main process so the
 * chooser works in browser mode too (a web page cannot browse the disk). It lists folder names
 * only — never reads a file's content beyond a package.json's `workspaces` field and whether a
 * pnpm-workspace.yaml exists, to mark monorepo roots — and only inside the chooser's roots (home by
 * default): a path outside them, or a symlink whose target leaves them, is refused by its real path.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { IpcFailure } from '../../core/ipc';

/** At most this many sub-folders are listed (the rest: `truncated`). */
export const MAX_LISTED_FOLDERS = 1000;

/** Folders never worth choosing from (and huge): they are left out of listings. */
const SKIPPED = new Set(['node_modules', '.git']);

export interface FolderEntry {
  name: string;
  /** Absolute real path. */
  path: string;
  /** Holds a package.json with `workspaces` or a pnpm-workspace.yaml: a monorepo root. */
  workspace: boolean;
}

export interface FolderListing {
  /** The listed folder's real path. */
  path: string;
  /** Its parent, or null when the folder is one of the roots (the chooser goes no higher). */
  parent: string | null;
  /** The roots the chooser may list under (real paths). */
  roots: string[];
  /** The folder itself is a monorepo root. */
  workspace: boolean;
  /** Sub-folders, sorted by name; hidden ones (`.name`), node_modules and .git left out. */
  folders: FolderEntry[];
  /** More sub-folders than MAX_LISTED_FOLDERS. */
  truncated: boolean;
}

/**
 * `WB_FOLDER_CHOOSER_ROOTS` (folders separated by the platform's path delimiter): where the chooser
 * lists instead of home — a shared machine's build folder, or a test's scratch folder.
 */
export function chooserRootsFromEnv(env: NodeJS.ProcessEnv): string[] | undefined {
  const roots = (env.WB_FOLDER_CHOOSER_ROOTS ?? '').split(delimiter).filter((r) => isAbsolute(r));
  return roots.length > 0 ? roots : undefined;
}

/** The chooser's roots as real paths (a root that does not exist is dropped). */
export async function chooserRoots(roots: readonly string[]): Promise<string[]> {
  const real = await Promise.all(roots.map((r) => realpath(resolve(r)).catch(() => undefined)));
  return [...new Set(real.filter((r): r is string => r !== undefined))];
}

/**
 * Lists the folders under `path` (default: the first root). Throws IpcFailure INVALID_INPUT for a
 * relative path, NOT_FOUND for a missing one or a file, and UNAUTHORIZED for a folder whose real
 * path lies outside every root.
 */
export async function listFolders(
  path: string | undefined,
  roots: readonly string[],
): Promise<FolderListing> {
  const real = await chooserRoots(roots);
  if (real.length === 0) throw new IpcFailure('NOT_FOUND', 'The folder chooser has no folder to start from');
  const folder = await allowedFolder(path ?? real[0]!, real);
  let dirents: Dirent[];
  try {
    dirents = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new IpcFailure('NOT_FOUND', `${folder} cannot be read: ${(error as Error).message}`, 'path');
  }
  const candidates = dirents
    .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && !d.name.startsWith('.') && !SKIPPED.has(d.name))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b));
  const folders: FolderEntry[] = [];
  for (const name of candidates) {
    if (folders.length === MAX_LISTED_FOLDERS) break;
    const target = await realpath(join(folder, name)).catch(() => undefined);
    // A link to a file, a dangling link, or one whose target leaves the roots is not listed.
    if (!target || !insideAny(target, real) || !(await isDirectory(target))) continue;
    folders.push({ name, path: target, workspace: await isWorkspaceRoot(target) });
  }
  return {
    path: folder,
    parent: real.includes(folder) ? null : dirname(folder),
    roots: real,
    workspace: await isWorkspaceRoot(folder),
    folders,
    truncated: candidates.length > folders.length && folders.length === MAX_LISTED_FOLDERS,
  };
}

/**
 * The real path of `path` when it is an existing folder inside one of `realRoots`; otherwise the
 * IpcFailure that names why not. Used for every folder the app is asked to look at.
 */
export async function allowedFolder(path: string, realRoots: readonly string[]): Promise<string> {
  if (!isAbsolute(path)) throw new IpcFailure('INVALID_INPUT', `The path "${path}" is not absolute`, 'path');
  const real = await realpath(path).catch(() => undefined);
  if (!real || !(await isDirectory(real)))
    throw new IpcFailure('NOT_FOUND', `The folder ${path} does not exist`, 'path');
  if (!insideAny(real, realRoots)) {
    throw new IpcFailure(
      'UNAUTHORIZED',
      `${path}${real !== resolve(path) ? ` (really ${real})` : ''} is outside the folders the chooser may show: ${realRoots.join(', ')}`,
      'path',
    );
  }
  return real;
}

function insideAny(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  });
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isWorkspaceRoot(folder: string): Promise<boolean> {
  if ((await stat(join(folder, 'pnpm-workspace.yaml')).catch(() => undefined))?.isFile()) return true;
  const text = await readFile(join(folder, 'package.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const manifest = JSON.parse(text) as { workspaces?: unknown };
    return manifest.workspaces !== undefined && manifest.workspaces !== null;
  } catch {
    return false; // a malformed package.json is named when the folder is inspected
  }
}
