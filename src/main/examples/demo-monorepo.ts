/**
 * The demo monorepo (examples/demo-monorepo) as a build target: copied into the data folder
 * before it is built, because an installed app cannot write into its own resources and parallel
 * runs (tests among them) must not race on one copy. Its packages' build scripts check that every
 * workspace dependency's dist/ exists, so a wrong build order fails there.
 */
import { cp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the copy inside a data folder. */
export const DEMO_COPY_DIR = 'demo-monorepo';

/**
 * Where the shipped demo lives, first match wins: `WB_DEMO_MONOREPO_DIR`, the packaged app's
 * `<resources>/demo-monorepo` (electron-builder.yml), the source tree's examples/demo-monorepo.
 */
export async function findDemoMonorepo(
  options: { resourcesPath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const candidates = [
    env.WB_DEMO_MONOREPO_DIR,
    options.resourcesPath && join(options.resourcesPath, 'demo-monorepo'),
    fileURLToPath(new URL('../../../examples/demo-monorepo', import.meta.url)),
    fileURLToPath(new URL('../../examples/demo-monorepo', import.meta.url)),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  for (const dir of candidates) {
    if (await isFile(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`The demo monorepo was not found; looked in: ${candidates.join(', ')}`);
}

/**
 * Copies the demo into `<dataDir>/demo-monorepo` and returns the copy's path. An existing copy is
 * kept (its dist/ folders are earlier results) unless `fresh`, which replaces it: a cold build.
 * Build outputs and node_modules of the source are never copied.
 */
export async function copyDemoMonorepo(
  dataDir: string,
  options: { fresh?: boolean; resourcesPath?: string } = {},
): Promise<{ path: string; copied: boolean }> {
  const target = join(dataDir, DEMO_COPY_DIR);
  const exists = await isFile(join(target, 'package.json'));
  if (exists && !options.fresh) return { path: target, copied: false };
  const source = await findDemoMonorepo(options);
  await rm(target, { recursive: true, force: true });
  await cp(source, target, {
    recursive: true,
    filter: (path) => !/[/\\](dist|node_modules)([/\\]|$)/.test(path.slice(source.length)),
  });
  return { path: target, copied: true };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
