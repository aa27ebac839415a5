import { glob, isDynamicPattern } from 'tinyglobby';

/**
 * Workspace patterns, expanded the way the package managers do, with the glob library pnpm itself
 * uses (tinyglobby: picomatch semantics — `*`, `?`, `**`, braces `{a,b}`, classes `[ab]`, a leading
 * `!` to exclude; dot folders are not entered).
 *
 * - **pnpm** (pnpm-workspace.yaml; @pnpm/fs.find-packages): every pattern becomes
 *   `<pattern>/package.json` and all of them go to one glob call, so an exclusion `!p` removes the
 *   folder `p` wherever it stands in the list; `node_modules` and `bower_components` are skipped.
 * - **npm** (package.json `workspaces`, also Yarn's `{packages: [...]}`; @npmcli/map-workspaces):
 *   a folder matches `<pattern>/`, `node_modules` is skipped, and an exclusion removes what the
 *   patterns before it matched while a later pattern can add folders back (`['packages/**',
 *   '!packages/b/**', 'packages/b/a']` keeps `packages/b/a`). npm decides that last case by matching
 *   the later pattern's text against the exclusion; applying the list in order gives the same
 *   folders for every list where the later pattern lies inside the exclusion, which is the case
 *   npm's docs show.
 */
export type WorkspaceManager = 'pnpm' | 'npm';

/** A workspace pattern that stays inside the root. */
export interface WorkspacePattern {
  /** The pattern as written. */
  readonly text: string;
  readonly negated: boolean;
  /** The glob without `!`, `./` or a trailing `/`, with `/` separators. */
  readonly glob: string;
}

const PNPM_IGNORE = ['**/node_modules/**', '**/bower_components/**'];
const NPM_IGNORE = ['**/node_modules/**'];

/**
 * Parses a pattern; throws on one that leaves the root (absolute or `..`) or is empty. `.` (the
 * root itself, which pnpm lets a workspace list) is accepted and selects nothing: the root
 * orchestrates the build and is never one of the packages built.
 */
export function parseWorkspacePattern(text: string): WorkspacePattern {
  const bangs = /^!*/.exec(text)![0].length;
  const negated = bangs % 2 === 1; // `!!p` is `p`, as npm reads it
  const body = text
    .slice(bangs)
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (body.startsWith('/') || /^[A-Za-z]:/.test(body))
    throw new Error(`pattern "${text}" is absolute: patterns are relative to the root`);
  if (body.split('/').includes('..')) throw new Error(`pattern "${text}" leaves the root ("..")`);
  if (body === '') throw new Error(`pattern "${text}" is empty`);
  return { text, negated, glob: body };
}

/**
 * Relative folders (with `/` separators, sorted) that hold a package.json and that the patterns
 * select for `manager`. `missingLiterals` lists each positive pattern without wildcards whose
 * folder has no package.json: the package managers skip it silently, we report it.
 */
export async function expandWorkspacePatterns(
  root: string,
  patterns: readonly WorkspacePattern[],
  manager: WorkspaceManager,
): Promise<{ dirs: string[]; missingLiterals: string[] }> {
  const selecting = patterns.filter((p) => p.glob !== '.');
  const found = manager === 'pnpm' ? await expandPnpm(root, selecting) : await expandNpm(root, selecting);
  const missingLiterals: string[] = [];
  for (const p of selecting) {
    if (p.negated || isDynamicPattern(p.glob)) continue;
    if (!(await manifestsUnder(root, [p.glob], PNPM_IGNORE)).has(p.glob)) missingLiterals.push(p.text);
  }
  return { dirs: [...found].sort(), missingLiterals };
}

async function expandPnpm(root: string, patterns: readonly WorkspacePattern[]): Promise<Set<string>> {
  const globs = patterns.map((p) => (p.negated ? `!${p.glob}` : p.glob));
  return manifestsUnder(root, globs, PNPM_IGNORE);
}

async function expandNpm(root: string, patterns: readonly WorkspacePattern[]): Promise<Set<string>> {
  const selected = new Set<string>();
  for (const p of patterns) {
    const matched = await manifestsUnder(root, [p.glob], NPM_IGNORE);
    for (const dir of matched) {
      if (p.negated) selected.delete(dir);
      else selected.add(dir);
    }
  }
  return selected;
}

/** Folders (relative, `/`-separated) matching one of `globs` that hold a package.json. */
async function manifestsUnder(
  root: string,
  globs: readonly string[],
  ignore: readonly string[],
): Promise<Set<string>> {
  const files = await glob(
    globs.map((g) => `${g.startsWith('!') ? '!' : ''}${g.replace(/^!/, '')}/package.json`),
    { cwd: root, ignore: [...ignore], onlyFiles: true, expandDirectories: false, dot: false },
  );
  return new Set(
    files.map((file) => file.replace(/\\/g, '/').replace(/\/?package\.json$/, '')).filter((d) => d !== ''),
  );
}
