/**
 * Entry of the short-lived bundler process: runs Temporal's bundleWorkflowCode (webpack) on one
 * generated project and writes the bundle file, so main's event loop never runs webpack. One
 * request per process; it exits when done.
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PRIVATE_FILE_MODE, usePrivateUmask } from '../app/private-files';
import { parentChannel } from '../child-process/parent-channel';
import type { BundleReply, BundleRequest } from './bundle-protocol';

usePrivateUmask();
const host = parentChannel<BundleRequest, BundleReply>();
const send = (message: BundleReply): void => host.send(message);

/**
 * Generated projects live in the data folder, far from any node_modules: webpack is told where
 * ours is (the one holding @temporalio/workflow), after its own override folder.
 */
function nodeModulesDir(): string {
  const pkg = createRequire(import.meta.url).resolve('@temporalio/workflow/package.json');
  return dirname(dirname(dirname(pkg)));
}

const silent = (): undefined => undefined;

async function bundle(request: BundleRequest): Promise<BundleReply> {
  const started = performance.now();
  const modules = nodeModulesDir();
  const warnings: string[] = [];
  const { code } = await bundleWorkflowCode({
    workflowsPath: request.workflowsPath,
    logger: {
      log: silent,
      trace: silent,
      debug: silent,
      info: silent,
      warn: (m: string) => warnings.push(m),
      error: (m: string) => warnings.push(m),
    },
    webpackConfigHook: (config) => {
      const resolve = config.resolve ?? {};
      const existing = Array.isArray(resolve.modules) ? resolve.modules : ['node_modules'];
      return {
        ...config,
        resolve: { ...resolve, modules: [...existing, modules] },
        resolveLoader: { modules: [modules, 'node_modules'] },
      };
    },
  });
  const tmp = `${request.outFile}.tmp-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, code, { mode: PRIVATE_FILE_MODE });
  await rename(tmp, request.outFile);
  return { type: 'done', bytes: code.length, durationMs: Math.round(performance.now() - started) };
}

function onRequest(message: unknown): void {
  const request = message as BundleRequest;
  if (request?.type !== 'bundle') return;
  bundle(request).then(
    (reply) => {
      send(reply);
      process.exitCode = 0;
      setTimeout(() => process.exit(0), 10);
    },
    (error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      setTimeout(() => process.exit(1), 10);
    },
  );
}

host.onMessage(onRequest);
