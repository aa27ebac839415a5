/**
 * Quick tier. Proves the worker process runs with WORKER_NODE_OPTIONS (64 MiB semi-spaces, issue 12's
 * fifth pass): a worker process launched as the app and the CLI launch it has the option on its
 * command line (read back from /proc), and the Electron launcher hands the same options to
 * utilityProcess.fork.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createUtilityProcessLauncher } from '../../../src/main/electron/utility-process-launcher';
import {
  launchNodeWorkerProcess,
  WORKER_NODE_OPTIONS,
} from '../../../src/main/worker-host/launch-worker-process';

describe('worker process Node options', () => {
  it('a launched worker process has WORKER_NODE_OPTIONS on its command line', async () => {
    expect(WORKER_NODE_OPTIONS).toContain('--max-semi-space-size=64');
    const child = launchNodeWorkerProcess();
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    try {
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      for (const option of WORKER_NODE_OPTIONS) expect(argv).toContain(option);
    } finally {
      child.kill();
      await exited;
    }
  });

  it('the Electron launcher passes the options to utilityProcess.fork', () => {
    const forks: Array<{ entry: string; options: { execArgv?: string[] } }> = [];
    const fakeUtilityProcess = {
      fork: (entry: string, _args: string[], options: { execArgv?: string[] }) => {
        forks.push({ entry, options });
        return { pid: 7, on: () => undefined, postMessage: () => undefined, kill: () => true };
      },
    } as unknown as Parameters<typeof createUtilityProcessLauncher>[0];
    createUtilityProcessLauncher(
      fakeUtilityProcess,
      '/app/worker-process.js',
      'worker',
      {},
      WORKER_NODE_OPTIONS,
    )();
    createUtilityProcessLauncher(fakeUtilityProcess, '/app/bundle-process.js', 'bundler')();
    expect(forks.map((f) => f.options.execArgv)).toEqual([[...WORKER_NODE_OPTIONS], []]);
  });
});
