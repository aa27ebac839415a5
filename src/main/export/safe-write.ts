import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Refused: a path would leave the target folder, or a symlink is in the way. */
export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/**
 * Writes files strictly inside one folder: every target is resolved and prefix-checked against the
 * folder's real path; no path component inside the folder may be a symlink (a link could point
 * anywhere); files are opened with O_NOFOLLOW so a link swapped in at the last moment is refused too.
 */
export class SafeFolder {
  private constructor(readonly root: string) {}

  /** Creates the folder if needed; its own real path (links above it are the user's choice) is the boundary. */
  static async open(dir: string): Promise<SafeFolder> {
    const absolute = resolve(dir);
    await mkdir(absolute, { recursive: true });
    return new SafeFolder(await realpath(absolute));
  }

  /** The absolute path of `rel`, refused if it escapes the folder. */
  resolve(rel: string): string {
    if (isAbsolute(rel)) throw new UnsafePathError(`Refusing an absolute path inside the export: ${rel}`);
    const target = resolve(this.root, rel);
    const back = relative(this.root, target);
    if (back === '' || back === '..' || back.startsWith(`..${sep}`) || isAbsolute(back)) {
      throw new UnsafePathError(`Refusing to write outside ${this.root}: ${rel}`);
    }
    return target;
  }

  /** True when the folder holds nothing. */
  async isEmpty(): Promise<boolean> {
    return (await readdir(this.root)).length === 0;
  }

  /** True when `rel` exists (a symlink counts as existing and is refused). */
  async exists(rel: string): Promise<boolean> {
    const target = this.resolve(rel);
    try {
      const info = await lstat(target);
      if (info.isSymbolicLink())
        throw new UnsafePathError(`Refusing to touch a symlink inside the export: ${rel}`);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Checks that `rel` can be written without touching anything: inside the folder, no symlink
   * and no file where a folder is needed on the way, not a symlink or a folder itself. Throws
   * UnsafePathError otherwise.
   */
  async check(rel: string): Promise<void> {
    const target = this.resolve(rel);
    await this.makeParents(target, { create: false });
    try {
      const info = await lstat(target);
      if (info.isSymbolicLink()) throw new UnsafePathError(`Refusing to write through a symlink: ${rel}`);
      if (info.isDirectory()) throw new UnsafePathError(`A folder is in the way: ${rel}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Writes `rel`, creating folders; refuses symlinked folders or files on the way. */
  async write(rel: string, text: string): Promise<void> {
    const target = this.resolve(rel);
    await this.makeParents(target);
    let handle;
    try {
      handle = await open(
        target,
        constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
        0o644,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP')
        throw new UnsafePathError(`Refusing to write through a symlink: ${rel}`);
      throw error;
    }
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
  }

  /** Removes the file `rel` (a symlink is removed, never followed). */
  async remove(rel: string): Promise<void> {
    await rm(this.resolve(rel), { force: true });
  }

  /**
   * Removes the files under folder `relDir` whose path relative to it (`graph/csr.ts`) is not in
   * `keep`, in subfolders too (for generated folders such as src/runtime). Symlinks are removed,
   * never followed.
   */
  async prune(relDir: string, keep: ReadonlySet<string>): Promise<string[]> {
    const removed: string[] = [];
    const visit = async (sub: string): Promise<void> => {
      const dir = this.resolve(sub === '' ? relDir : `${relDir}/${sub}`);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const path = sub === '' ? name : `${sub}/${name}`;
        const info = await lstat(resolve(dir, name));
        if (info.isDirectory()) await visit(path);
        else if (!keep.has(path)) {
          await rm(resolve(dir, name));
          removed.push(`${relDir}/${path}`);
        }
      }
    };
    await visit('');
    return removed;
  }

  private async makeParents(target: string, options: { create: boolean } = { create: true }): Promise<void> {
    const parts = relative(this.root, dirname(target))
      .split(sep)
      .filter((p) => p !== '');
    let current = this.root;
    for (const part of parts) {
      current = resolve(current, part);
      try {
        const info = await lstat(current);
        if (info.isSymbolicLink())
          throw new UnsafePathError(
            `Refusing to write through a symlinked folder: ${relative(this.root, current)}`,
          );
        if (!info.isDirectory()) throw new UnsafePathError(`Not a folder: ${relative(this.root, current)}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // Nothing below a missing folder exists either: when only checking, the path is fine.
        if (!options.create) return;
        await mkdir(current);
      }
    }
  }
}
