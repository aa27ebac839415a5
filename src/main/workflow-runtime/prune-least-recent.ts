import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Deletes the entries of `dir` that `eligible` accepts beyond the `keep` most recently modified
 * (files or folders; a missing folder has none). The caches of the data folder (bundles, builds,
 * compiled projects) mark an entry used by its mtime. Returns how many were deleted.
 */
export async function pruneLeastRecent(
  dir: string,
  keep: number,
  eligible: (name: string) => boolean,
): Promise<number> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(eligible);
  if (names.length <= keep) return 0;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      mtime: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0,
    })),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  const stale = dated.slice(keep);
  for (const { name } of stale) await rm(join(dir, name), { recursive: true, force: true });
  return stale.length;
}
