import type { EventPayloadOf } from '../../../src/core/ipc';

/** A valid `runs.state` event (one package started building), for tests of event transports. */
export const RUN_STATE_EVENT: EventPayloadOf<'runs.state'> = {
  workflowId: 'w1',
  runId: 'r1',
  seq: 1,
  delta: {
    summary: {
      workflowType: 'PackageBuilder',
      phase: 'building',
      totals: { packages: 1, completed: 0, failed: 0, blocked: 0, active: 1, queued: 0, pending: 0 },
      concurrency: { now: 1, max: 4 },
      startedAt: '2026-01-01T00:00:00.000Z',
      queue: [],
      generation: 0,
    },
    changed: { a: { status: 'building', attempt: 1, startedAt: '2026-01-01T00:00:00.000Z' } },
  },
};
