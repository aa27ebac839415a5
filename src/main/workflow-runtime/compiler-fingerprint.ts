import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const dir = fromSource ? join(moduleFile, '..', '..', '..', 'core') : dirname(moduleFile);
  const wanted = fromSource ? /\.tsx?$/ : /\.[cm]?js$/;
  for (const file of sourceFiles(dir).filter((f) => wanted.test(f)))
    hash.update(`${file}\n`).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/** Files under `dir`, relative and sorted (a stable order for the hash). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();
}
