// Part of `npm run build`: bundles the built-in workflows once, next to the Electron main bundle,
// so the packaged app's worker loads them without running webpack at start-up.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { BUILTIN_BUNDLE_FILE } from '../src/main/workflows/builtin-worker-spec';

const workflowsPath = fileURLToPath(new URL('../src/main/workflows/builtin-workflows.ts', import.meta.url));
const target = fileURLToPath(new URL(`../out/main/${BUILTIN_BUNDLE_FILE}`, import.meta.url));
const { code } = await bundleWorkflowCode({ workflowsPath });
await writeFile(target, code);
console.log(`bundled the built-in workflows into ${target} (${(code.length / 1024).toFixed(0)} KiB)`);
