import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/ipc/contract';
import { RunEndTracker } from '../../../src/renderer/src/lib/run-end';

const run = (workflowId: string, status: RunRecord['status']): RunRecord => ({
  workflowId,
  runId: 'r',
  definitionId: null,
  definitionVersion: null,
  workflowType: 'PackageBuilder',
  taskQueue: 'q',
  status,
  startedAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
});

describe('RunEndTracker', () => {
  it('announces only runs seen running that close, once', () => {
    const t = new RunEndTracker();
    expect(t.update(run('a', 'completed'))).toBeNull(); // never seen running (an old run)
    expect(t.update(run('b', 'running'))).toBeNull();
    expect(t.update(run('b', 'continued_as_new'))).toBeNull();
    expect(t.update(run('b', 'failed'))).toBe('PackageBuilder b: failed');
    expect(t.update(run('b', 'failed'))).toBeNull();
  });
});
