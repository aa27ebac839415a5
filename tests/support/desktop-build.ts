import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Tests of what `npm run build` produced (out/, build/) call this first: it throws — so the test
 * fails, never skips — when `built` is missing or older than a source file under `sourceDirs` or
 * one of `sourceFiles`, naming the file and the command that fixes it.
 */
export function assertFreshBuild(built: string, sourceDirs: readonly string[], sourceFiles: readonly string[] = []): void {
  const target = join(repoRoot, built);
  if (!existsSync(target)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  const builtAt = statSync(target).mtimeMs;
  const sources = [
    ...sourceDirs.flatMap((dir) =>
      readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(repoRoot, dir, file)),
    ),
    ...sourceFiles.map((file) => join(repoRoot, file)),
  ];
  for (const source of sources) {
    if (/\.(ts|tsx|mts|mjs|css|html|svg)$/.test(source) && statSync(source).mtimeMs > builtAt)
      throw new Error(`${built} is older than ${relative(repoRoot, source)}: run \`npm run build\` again`);
  }
}
