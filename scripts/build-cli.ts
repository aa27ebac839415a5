// `npm run build:cli`: the CLI as plain JavaScript in out/cli, so it starts with `node` alone (no tsx
// transpiling on every start; issue 12 measures the built CLI's wall times):
//   out/cli/workflow-builder.mjs   the CLI's bootstrap (src/main/cli/cli-bootstrap.ts), with a hashbang
//                                  (package.json `bin`): forks the worker, then loads cli-main.mjs
//   out/cli/cli-main.mjs           the CLI (src/main/cli/main.ts)
//   out/cli/worker-process.js      the worker and bundler processes the CLI forks; their hosts look
//   out/cli/bundle-process.js      for `<name>.js` next to the bundle (resolveChildEntry)
//   out/cli/build-launcher-process.js   the small process the worker starts real builds from
//   out/cli/daemon-process.js      the build daemon `build` starts (src/main/daemon)
//   out/cli/builtin-workflows.bundle.js   the built-in workflows, bundled once (builtinWorkerSpec)
// npm dependencies stay external: better-sqlite3 and @temporalio/* are native or load their own
// files (webpack, the core bridge) from node_modules, so the bundle runs inside this checkout. The
// workflow runtime sources and the demo monorepo are found from out/cli as from out/main (../../src,
// ../../examples), so any output folder must sit two levels below the checkout.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { bundleBuiltinWorkflows } from './bundle-builtin-workflows';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The CLI's entry file in `outDir`. */
export const CLI_FILE = 'workflow-builder.mjs';

/** Builds the CLI into `outDir` (emptied first); returns the CLI file's path. */
export async function buildCli(outDir: string = join(root, 'out', 'cli')): Promise<string> {
  const depth = relative(root, resolve(outDir)).split(/[\\/]/);
  if (depth.length !== 2 || depth[0] === '..') {
    throw new Error(`The CLI must be built two folders below ${root} (like out/cli), not into ${outDir}`);
  }
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const cli = join(outDir, CLI_FILE);
  await Promise.all([
    build({
      ...common,
      entryPoints: ['src/main/cli/cli-bootstrap.ts'],
      outfile: cli,
      banner: { js: '#!/usr/bin/env node' },
    }),
    build({ ...common, entryPoints: ['src/main/cli/main.ts'], outfile: join(outDir, 'cli-main.mjs') }),
    build({
      ...common,
      entryPoints: {
        'worker-process': 'src/main/worker-host/worker-process.ts',
        'bundle-process': 'src/main/workflow-runtime/bundle-process.ts',
        'build-launcher-process': 'src/main/build-launcher/build-launcher-process.ts',
        'daemon-process': 'src/main/daemon/daemon-process.ts',
      },
      outdir: outDir,
    }),
  ]);
  chmodSync(cli, 0o755); // runnable through the `bin` symlink
  await bundleBuiltinWorkflows(outDir);
  return cli;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = performance.now();
  const cli = await buildCli();
  console.log(`built the CLI into ${dirname(cli)} in ${Math.round(performance.now() - started)} ms`);
}
