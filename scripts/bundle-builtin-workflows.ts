// Part of `npm run build` (and `npm run build:cli`): bundles the built-in workflows once, next to the
// Electron main bundle (or the CLI's), so the worker loads them without running webpack at start-up.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { BUILTIN_BUNDLE_FILE } from '../src/main/workflows/builtin-worker-spec';

/** webpack's statistics stay out of the build's output; its warnings and errors do not. */
const quiet = (): undefined => undefined;
const quietLogger = {
  log: quiet,
  trace: quiet,
  debug: quiet,
  info: quiet,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Writes the built-in workflows' bundle into `outDir` (the folder of the bundled main). */
export async function bundleBuiltinWorkflows(outDir: string): Promise<void> {
  const workflowsPath = fileURLToPath(new URL('../src/main/workflows/builtin-workflows.ts', import.meta.url));
  const target = join(outDir, BUILTIN_BUNDLE_FILE);
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  await writeFile(target, code);
  console.log(`bundled the built-in workflows into ${target} (${(code.length / 1024).toFixed(0)} KiB)`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) await bundleBuiltinWorkflows(fileURLToPath(new URL('../out/main/', import.meta.url)));
