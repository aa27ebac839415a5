/**
 * Where each package of an opened workspace lives, for `buildPackage`.
 *
 * A build needs its package's folder, and the input may only name the package (the worker decides
 * where it runs). Reading the whole workspace for that, on every build, made a run of n packages read
 * n² package.json files: 250,000 reads on a 500-package monorepo, and 1.2 s of a worker's main
 * thread for 100 instant builds (issue 12). So a worker keeps its last read of each root, and reads
 * the workspace again when:
 * - a file that decides which folders are packages changed (the root package.json with its
 *   `workspaces`, pnpm-workspace.yaml: inode, size, mtime, ctime);
 * - the package is not in the last read (added since);
 * - the caller found the remembered folder's package.json gone or naming another package
 *   (`forget`, then look again).
 * A read that fails is not kept, so the next build reads again and reports what is wrong then.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadWorkspaceResult } from '../../core/activities';
import { readWorkspaceAt } from './read-workspace';

/** The files whose content decides a workspace's member folders (see readWorkspaceAt). */
const LAYOUT_FILES = ['package.json', 'pnpm-workspace.yaml'];

interface KnownLayout {
  stamp: string;
  /** Package name → folder relative to the root. */
  dirs: Promise<Map<string, string>>;
}

export class PackageLocator {
  private readonly known = new Map<string, KnownLayout>();

  /**
   * The folder (relative to `root`) of the package named `name`, or undefined when the workspace
   * has no such package. Throws `WorkspaceError` when the workspace cannot be read.
   */
  async find(root: string, name: string): Promise<{ dir: string | undefined; remembered: boolean }> {
    const stamp = await layoutStamp(root);
    const known = this.known.get(root);
    if (known?.stamp === stamp) {
      const dir = (await known.dirs.catch(() => undefined))?.get(name);
      if (dir !== undefined) return { dir, remembered: true };
    }
    const dirs = await this.remember(root, stamp, readWorkspaceAt(root));
    return { dir: dirs.get(name), remembered: false };
  }

  /**
   * Reads the workspace now (never from memory: the caller wants its dependencies too, which the
   * stamp does not cover) and keeps where its packages are for the builds that follow.
   */
  async read(root: string): Promise<ReadWorkspaceResult> {
    const stamp = await layoutStamp(root);
    const result = readWorkspaceAt(root);
    await this.remember(root, stamp, result);
    return result;
  }

  /** Drops what is known of `root`: a remembered folder turned out wrong. */
  forget(root: string): void {
    this.known.delete(root);
  }

  private async remember(
    root: string,
    stamp: string,
    read: Promise<ReadWorkspaceResult>,
  ): Promise<Map<string, string>> {
    const dirs = read.then(({ packages }) => new Map(packages.map((p) => [p.name, p.dir])));
    const entry: KnownLayout = { stamp, dirs };
    this.known.set(root, entry);
    try {
      return await dirs;
    } catch (error) {
      if (this.known.get(root) === entry) this.known.delete(root);
      throw error;
    }
  }
}

/** Identifies the current content of the layout files without reading them. */
async function layoutStamp(root: string): Promise<string> {
  const stamps = await Promise.all(
    LAYOUT_FILES.map(async (file) => {
      const s = await stat(join(root, file), { bigint: true }).catch(() => undefined);
      return s === undefined ? '-' : `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    }),
  );
  return stamps.join('|');
}
