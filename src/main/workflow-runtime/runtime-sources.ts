import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The runtime every generated workflow imports from `./runtime`: src/workflow-runtime (the run
 * context, package loops, the orchestration query) and the modules of src/core it imports (the
 * graph engine, the orchestration state type) — only those, found by following imports from
 * src/workflow-runtime/index.ts, so the schedule simulation and the rest of the app stay out.
 * It is copied into each generated project and each export as `src/runtime/`:
 *
 *   src/workflow-runtime/<file>.ts → runtime/<file>.ts   (`'../core/x'` imports become `'./x'`)
 *   src/core/<folder>/<file>.ts    → runtime/<folder>/<file>.ts (verbatim)
 *
 * so the bundle and the exported sources carry the exact code the app was built with.
 *
 * Where the sources are found (a folder holding `workflow-runtime/` and `core/`), first match wins:
 * 1. `WB_RUNTIME_DIR` (tests, odd layouts);
 * 2. `<resourcesPath>/workflow-runtime-src`: the packaged app ships the three folders there as a
 *    resource (electron-builder.yml `extraResources`); nothing here depends on Electron, the
 *    caller passes the folder;
 * 3. the source tree: `src/` seen from this file (tsx, tests, CLI) or from the bundled main in
 *    `out/main` (`npm start` after `npm run build`).
 */
export function findRuntimeDir(options: { resourcesPath?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const env = options.env ?? process.env;
  const candidates = [
    env.WB_RUNTIME_DIR,
    options.resourcesPath && join(options.resourcesPath, 'workflow-runtime-src'),
    fileURLToPath(new URL('../../', import.meta.url)),
    fileURLToPath(new URL('../../src/', import.meta.url)),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  for (const dir of candidates) if (existsSync(join(dir, RUNTIME_ENTRY))) return dir;
  throw new Error(
    `The workflow runtime sources (src/${RUNTIME_ENTRY} and the src/core modules it imports) were not found; ` +
      `looked in: ${candidates.join(', ')}. A packaged app must ship them as the workflow-runtime-src resource.`,
  );
}

/** The runtime's entry, relative to the source folder. */
const RUNTIME_ENTRY = 'workflow-runtime/index.ts';

/**
 * Path under `runtime/` → text of every runtime source (`index.ts`, `package-loop.ts`,
 * `graph/ready-tracker.ts`, …), sorted by path.
 */
export async function readRuntimeSources(
  options: { resourcesPath?: string; dir?: string } = {},
): Promise<Record<string, string>> {
  const root = options.dir ?? findRuntimeDir(options);
  const sources = await collectSources(root, RUNTIME_ENTRY, (path) =>
    path.startsWith('workflow-runtime/') || path.startsWith('core/'),
  );
  const entries = [...sources].map(([path, text]): [string, string] => [vendoredPath(path), vendoredText(path, text)]);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The two app modules the activities use: the data folder's default place and its private modes. */
const VENDORED_APP_MODULES = new Set(['main/app/data-dir.ts', 'main/app/private-files.ts']);

/** The entry of the built-in activities, relative to the source folder. */
export const ACTIVITIES_ENTRY = 'main/activities/index.ts';

/**
 * The app's built-in activity implementations (`createActivities`) and the modules they import,
 * by path relative to the source folder (`main/activities/build-package.ts`,
 * `core/activities/catalog.ts`, …), sorted: an export vendors them as they are, so the exported
 * worker runs the app's own activities. Relative imports keep working because the layout is kept.
 */
export async function readActivitySources(
  options: { resourcesPath?: string; dir?: string } = {},
): Promise<Record<string, string>> {
  const root = options.dir ?? findRuntimeDir(options);
  const sources = await collectSources(root, ACTIVITIES_ENTRY, (path) =>
    path.startsWith('main/activities/') || VENDORED_APP_MODULES.has(path) || path.startsWith('core/'),
  );
  return Object.fromEntries([...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `entry` and every module it imports, transitively, by path under `root`; each must be `allowed`. */
async function collectSources(
  root: string,
  entry: string,
  allowed: (path: string) => boolean,
): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (sources.has(path)) continue;
    const text = await readFile(join(root, path), 'utf8');
    sources.set(path, text);
    for (const specifier of relativeImports(text)) {
      const base = toPosix(normalize(join(dirname(path), specifier)));
      const target = existsSync(join(root, `${base}.ts`)) ? `${base}.ts` : `${base}/index.ts`;
      if (!allowed(target)) throw new Error(`${path} imports ${specifier}, which is not vendored with it`);
      pending.push(target);
    }
  }
  return sources;
}

/** The specifiers of a module's relative imports and re-exports (`'./x'`, `'../core/graph/y'`). */
export function relativeImports(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)';/gms)) {
    specifiers.push(match[1]!);
  }
  return specifiers;
}

function vendoredPath(path: string): string {
  if (path.startsWith('workflow-runtime/')) return path.slice('workflow-runtime/'.length);
  return path.slice('core/'.length);
}

function vendoredText(path: string, text: string): string {
  if (!path.startsWith('workflow-runtime/')) return text;
  return text.replace(/(\bfrom\s+')\.\.\/core\//g, '$1./');
}

function toPosix(path: string): string {
  return relative('.', path).split(sep).join('/');
}
