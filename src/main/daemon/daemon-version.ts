/**
 * Which build of workflow-builder a process runs, so a `build` uses a daemon only when it runs the
 * same code (an upgraded or rebuilt CLI stops the old daemon and starts its own). Built (out/cli)
 * it is the compiler fingerprint, which hashes every script of the build, the daemon and worker
 * included. From source (tsx) it also covers src/main, by each file's size and mtime: cheap, and
 * an edit shows.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilerFingerprint } from '../workflow-runtime/compiler-fingerprint';

let memo: string | undefined;

export function daemonVersion(): string {
  if (memo !== undefined) return memo;
  const here = fileURLToPath(import.meta.url);
  const hash = createHash('sha256').update(compilerFingerprint() ?? 'no-fingerprint');
  if (/\.[cm]?ts$/.test(here)) {
    const main = join(here, '..', '..');
    const files = readdirSync(main, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
      .sort();
    for (const file of files) {
      const stat = statSync(file);
      hash.update(`${relative(main, file)} ${stat.size} ${stat.mtimeMs}\n`);
    }
  }
  memo = hash.digest('hex').slice(0, 32);
  return memo;
}
