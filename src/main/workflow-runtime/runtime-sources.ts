import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The graph engine (src/core/graph/*.ts) is the "runtime" every generated workflow imports from
 * `./runtime`: it is copied verbatim into each generated project and each export, so the bundle
 * and the exported sources carry the exact code the app was built with.
 *
 * Where the sources are found, first match wins:
 * 1. `WB_RUNTIME_DIR` (tests, odd layouts);
 * 2. `<resourcesPath>/workflow-runtime/graph`: the packaged app, which must ship the files as a
 *    resource (electron-builder `extraResources: [{from: src/core/graph, to: workflow-runtime/graph,
 *    filter: ['*.ts']}]`); nothing here depends on Electron, the caller passes the folder;
 * 3. next to the source tree: `src/core/graph` seen from this file (tsx, tests, CLI) or from the
 *    bundled main in `out/main` (`npm start` after `npm run build`).
 */
export function findRuntimeDir(options: { resourcesPath?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const env = options.env ?? process.env;
  const candidates = [
    env.WB_RUNTIME_DIR,
    options.resourcesPath && join(options.resourcesPath, 'workflow-runtime', 'graph'),
    fileURLToPath(new URL('../../core/graph/', import.meta.url)),
    fileURLToPath(new URL('../../src/core/graph/', import.meta.url)),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  for (const dir of candidates) if (existsSync(join(dir, 'index.ts'))) return dir;
  throw new Error(
    `The workflow runtime sources (src/core/graph/*.ts) were not found; looked in: ${candidates.join(', ')}. ` +
      'A packaged app must ship them as the workflow-runtime/graph resource.',
  );
}

/** File name → text of every runtime source (`index.ts`, `ready-tracker.ts`, …), sorted by name. */
export async function readRuntimeSources(
  options: { resourcesPath?: string; dir?: string } = {},
): Promise<Record<string, string>> {
  const dir = options.dir ?? findRuntimeDir(options);
  const names = (await readdir(dir))
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.endsWith('.d.ts'))
    .sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}
