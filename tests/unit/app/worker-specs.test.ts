// Tier: quick (unit). Which queues the app's worker process serves (worker-specs.ts): the CLI's
// `build` (builtinWorker false) starts no worker for the built-in queue it does not use, which cost
// it ~0.3 s of start-up (issue 12); the app still serves it, unless a compiled bundle does.
import { describe, expect, it } from 'vitest';
import { BUILTIN_TASK_QUEUE } from '../../../src/core/task-queues';
import { appWorkerSpecs } from '../../../src/main/app/worker-specs';
import type { WorkerSpec } from '../../../src/main/worker-host/worker-protocol';

const builtin: WorkerSpec = { taskQueue: BUILTIN_TASK_QUEUE, workflowBundlePath: '/b/builtin.js' };
const registry = (queues: string[]) => ({
  serves: (queue: string) => queues.includes(queue),
  specs: (): WorkerSpec[] => queues.map((taskQueue) => ({ taskQueue, workflowBundlePath: '/b/compiled.js' })),
});

describe('appWorkerSpecs', () => {
  it('the app serves the built-in queue beside the compiled ones', () => {
    expect(appWorkerSpecs(builtin, registry(['mine', 'mine-pkg']), true).map((s) => s.taskQueue)).toEqual([
      BUILTIN_TASK_QUEUE,
      'mine',
      'mine-pkg',
    ]);
  });

  it('a compiled bundle on the built-in queue carries the built-in workflows: one worker for that queue', () => {
    const specs = appWorkerSpecs(builtin, registry([BUILTIN_TASK_QUEUE, 'pkg']), true);
    expect(specs.map((s) => [s.taskQueue, s.workflowBundlePath])).toEqual([
      [BUILTIN_TASK_QUEUE, '/b/compiled.js'],
      ['pkg', '/b/compiled.js'],
    ]);
  });

  it('`build` on its own queues starts no worker for the built-in queue', () => {
    expect(appWorkerSpecs(builtin, registry(['mine', 'mine-pkg']), false).map((s) => s.taskQueue)).toEqual([
      'mine',
      'mine-pkg',
    ]);
  });
});
