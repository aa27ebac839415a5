import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: { value: string | undefined } | undefined;

/**
 * The version of the compiler this process runs, for the CompileCache's keys. Built (out/cli, the
 * app's out/main) it is every script of the build this module is part of: the compiler is bundled
 * into one of them, whichever chunk it lands in. Run from source (tsx: tests, development) it is
 * every file under src/core. Over-invalidating is fine: a changed fingerprint only costs a
 * compilation; hashing the ~2.5 MB of a build takes a few ms, once per process. Undefined when the
 * files cannot be read (then nothing is cached).
 */
export function compilerFingerprint(): string | undefined {
  if (!memo) {
    try {
      memo = { value: computeFingerprint(fileURLToPath(import.meta.url)) };
    } catch {
      memo = { value: undefined };
    }
  }
  return memo.value;
}

/** `moduleFile`: where this code runs from (exported for the unit test). */
export function computeFingerprint(moduleFile: string): string {
  const hash = createHash('sha256');
  const fromSource = /\.[cm]?ts$/.test(moduleFile);
  const base = fromSource ? join(moduleFile, '..', '..', '..', 'core') : dirname(moduleFile);
  const files = fromSource ? sourceFiles(base, true).filter((f) => /\.tsx?$/.test(f)) : buildScripts(base);
  // Names relative to the folder: the same build elsewhere (another checkout, a moved app) is the same.
  for (const file of files) hash.update(`${relative(base, file)}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * The scripts of a build: those beside this module and in its `chunks/` folder (electron-vite puts
 * shared code there). Not deeper: a data folder inside the build folder (tests put one there) holds
 * bundles that change with every run and must not change the fingerprint.
 */
function buildScripts(dir: string): string[] {
  const chunks = join(dir, 'chunks');
  return [...sourceFiles(dir, false), ...(existsSync(chunks) ? sourceFiles(chunks, false) : [])].filter((f) =>
    /\.[cm]?js$/.test(f),
  );
}

/** Files in `dir` (and below it when `recursive`), as sorted paths (a stable order for the hash). */
function sourceFiles(dir: string, recursive: boolean): string[] {
  return readdirSync(dir, { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
