import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { describe, it } from 'vitest';
import { locateTemporalCli } from '../../../src/main/dev-server/temporal-cli.mjs';
import type { ServerStatus } from '../../../src/core/ipc/contract';
import type { TemporalService } from '../../../src/main/dev-server';

/**
 * The binary, found the way the app finds it (TEMPORAL_CLI_PATH, PATH, the provisioning cache);
 * `npm test` provisions it first (pretest).
 */
export const temporalCliLocation = locateTemporalCli();
export const temporalCliPath = temporalCliLocation.cli?.path;

/**
 * `describe` for suites that need the real dev server. Without the binary: skipped on a developer
 * machine, but FAILING under CI=true — a missing binary must never turn a CI run green.
 */
export function describeWithTemporal(name: string, body: (binaryPath: string) => void): void {
  if (temporalCliPath) {
    describe(name, () => body(temporalCliPath));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the Temporal CLI', () => {
        throw new Error(temporalCliLocation.message ?? 'Temporal CLI not found');
      });
    });
  } else {
    // The body is not run: it would create temp folders no skipped hook cleans up.
    describe.skip(`${name} (Temporal CLI not found; run \`npm run provision\`)`, () => {
      it('needs the Temporal CLI', () => {});
    });
  }
}

export const workflowsPath = fileURLToPath(new URL('./fixtures/workflows.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The fixture workflows, bundled once per test file. */
export function fixtureBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  return bundle;
}

let runtimeInstalled = false;

/** Runs a worker for the fixture workflows on `address` while `fn` runs. */
export async function withWorker<T>(address: string, taskQueue: string, fn: () => Promise<T>): Promise<T> {
  if (!runtimeInstalled) {
    // Worker INFO/WARN lines (e.g. "no activities registered") would bury the test output.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const connection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await fixtureBundle(),
    });
    return await worker.runUntil(fn());
  } finally {
    await connection.close();
  }
}

/** A fresh temporary data folder, removed by the returned cleanup. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `wb-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resolves with the first status for which `predicate` holds (checking the current one first). */
export function waitForStatus(
  service: TemporalService,
  predicate: (status: ServerStatus) => boolean,
  timeoutMs = 60_000,
): Promise<ServerStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(service.status())) {
      resolve(service.status());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(`status did not match within ${timeoutMs} ms; last: ${JSON.stringify(service.status())}`),
      );
    }, timeoutMs);
    const unsubscribe = service.onStatus((status) => {
      if (predicate(status)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(status);
      }
    });
  });
}

/** Linux: pids of `temporal server start-dev` processes whose parent is `parentPid`. */
export async function temporalChildrenOf(parentPid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [cmdline, stat] = await Promise.all([
        readFile(`/proc/${entry}/cmdline`, 'utf8'),
        readFile(`/proc/${entry}/stat`, 'utf8'),
      ]);
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parentPid && cmdline.includes('start-dev')) pids.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return pids;
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message: string) => console.error(message),
};
