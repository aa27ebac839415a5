// Quick tier. Proves that the run launcher (src/main/workflow-runtime/run-launcher.ts) checks a run's
// input against the definition's declared inputs before anything compiles or starts, whoever starts
// it (run form, CLI, API): a wrong value is a named INVALID_INPUT, and a valid input goes on to start.
import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../../../src/core/ipc';
import { WorkflowRunLauncher } from '../../../src/main/workflow-runtime/run-launcher';

const definition = {
  id: 'd1',
  name: 'PackageBuilder',
  version: 1,
  definition: {
    schemaVersion: 1,
    name: 'PackageBuilder',
    nodes: [],
    edges: [],
    settings: {
      inputs: [
        { name: 'root', type: 'string', required: true },
        { name: 'scripts', type: 'strings' },
        { name: 'failures', type: 'record', default: {} },
      ],
    },
  },
} as unknown as StoredDefinition;

/** A launcher whose registry records that it was reached (the step after the input check). */
function launcher() {
  const reached: string[] = [];
  const l = new WorkflowRunLauncher({
    store: {} as never,
    client: () => Promise.reject(new Error('no client in this test')),
    registry: {
      ensure: () => {
        reached.push('ensure');
        return Promise.resolve(undefined);
      },
    },
  });
  return { l, reached };
}

describe('WorkflowRunLauncher.start checks the input first', () => {
  it('names every wrong input and compiles nothing', async () => {
    const { l, reached } = launcher();
    await expect(l.start(definition, { scripts: 'build', failures: { a: 1 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'Input "root" is required; Input "scripts" must be a list of strings; Input "failures" must be a map from string to string',
    });
    expect(reached).toEqual([]);
  });

  it('lets a valid input through to the compile step', async () => {
    const { l, reached } = launcher();
    // The stub registry compiles nothing, so the start stops there, after the check passed.
    await expect(
      l.start(definition, { root: '/repo', scripts: ['build', 'test'], seed: {} }),
    ).rejects.toMatchObject({
      code: 'COMPILE_ERROR',
    });
    expect(reached).toEqual(['ensure']);
  });
});
