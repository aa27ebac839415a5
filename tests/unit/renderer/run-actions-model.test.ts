// Quick tier. Proves the run page's pure action logic: which buttons a run gets and which is the
// default (after a failure — also a failed retry — it retries the failures, never everything);
// the user's inputs of a stored run without the app's own fields; the stored failure reason; the
// Temporal link (a Web UI link only for an external cluster with webUiUrl, else the CLI command);
// the ETA's pace correction (this run's actual/estimated, trusted by sample count, clamped).
import { describe, expect, it } from 'vitest';
import { PACE_FACTOR_MAX, PACE_FACTOR_MIN, paceFactor } from '../../../src/core/graph';
import type { ServerStatus } from '../../../src/core/ipc/contract';
import type { RunView } from '../../../src/core/run-status';
import {
  failureReasonOf,
  planRunActions,
  userInputsOf,
} from '../../../src/renderer/src/lib/run-actions-model';
import { buildRunGraphModel, remainingEstimate } from '../../../src/renderer/src/lib/run-graph-model';
import { inspectWorkflow, shellQuote } from '../../../src/renderer/src/lib/temporal-links';

describe('planRunActions', () => {
  it('offers retry and finish in the window, cancel while running', () => {
    expect(planRunActions({ status: 'running' }, { phase: 'building' }, 0).actions).toEqual(['cancel']);
    expect(planRunActions({ status: 'running' }, { phase: 'awaiting-retry' }, 2).actions).toEqual([
      'retryFailed',
      'finish',
      'cancel',
    ]);
  });

  it('after a failure the default is Retry failed (seeded), also after a failed retry; Run again is never first', () => {
    for (const status of ['failed', 'completed'] as const) {
      const { actions } = planRunActions({ status }, { phase: 'finished' }, status === 'failed' ? 0 : 3);
      expect(actions[0]).toBe('retry');
      expect(actions).toContain('runAgain');
      expect(actions).toContain('editAndRunAgain');
    }
  });

  it('a clean run offers Run again first; a continued-as-new record offers nothing', () => {
    expect(planRunActions({ status: 'completed' }, { phase: 'finished' }, 0).actions).toEqual([
      'runAgain',
      'editAndRunAgain',
    ]);
    expect(planRunActions({ status: 'continued_as_new' }, undefined, 0).actions).toEqual([]);
    // A cancelled run can be run again, or resumed with what it completed.
    expect(planRunActions({ status: 'cancelled' }, { phase: 'building' }, 0).actions).toEqual([
      'runAgain',
      'retry',
      'editAndRunAgain',
    ]);
  });
});

describe('stored run helpers', () => {
  it('userInputsOf drops the seed, estimates and resume the app adds', () => {
    const record = {
      summary: {
        input: { failures: { a: 'x' }, maxConcurrent: 2, seed: { completed: [] }, estimatedDurationsMs: {} },
      },
    };
    expect(userInputsOf(record)).toEqual({ failures: { a: 'x' }, maxConcurrent: 2 });
    expect(userInputsOf({ summary: undefined })).toEqual({});
  });

  it('failureReasonOf returns the stored error of a run that did not complete', () => {
    const error = 'Dependency graph "graph": cycle a → b → a';
    expect(failureReasonOf({ status: 'failed', summary: { error } })).toBe(error);
    expect(failureReasonOf({ status: 'completed', summary: { error } })).toBeUndefined();
    expect(failureReasonOf({ status: 'failed', summary: {} })).toBeUndefined();
  });
});

describe('inspectWorkflow', () => {
  const base: ServerStatus = {
    state: 'ready',
    mode: 'embedded',
    address: '127.0.0.1:7233',
    namespace: 'default',
    restarts: 0,
    since: '2026-01-01T00:00:00.000Z',
  };
  const child = 'package-builder-1/@acme/api#2';

  it('the embedded server (headless) gets the copyable temporal CLI command', () => {
    expect(inspectWorkflow(base, child)).toEqual({
      kind: 'cli',
      command:
        "temporal workflow show --workflow-id 'package-builder-1/@acme/api#2' --address 127.0.0.1:7233 --namespace default",
    });
  });

  it('an external cluster with a Web UI address gets a real link, the id encoded', () => {
    const link = inspectWorkflow(
      { ...base, state: 'external', mode: 'external', namespace: 'prod', uiUrl: 'https://ui.example.com/' },
      child,
    );
    expect(link).toEqual({
      kind: 'web-ui',
      url: 'https://ui.example.com/namespaces/prod/workflows/package-builder-1%2F%40acme%2Fapi%232',
    });
    // Without a Web UI address: the command, with the cluster's address.
    expect(
      inspectWorkflow({ ...base, mode: 'external', address: 'temporal.example.com:7233' }, 'w'),
    ).toMatchObject({
      kind: 'cli',
    });
    expect(inspectWorkflow(null, 'w')).toEqual({ kind: 'none' });
  });

  it('shellQuote leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('127.0.0.1:7233')).toBe('127.0.0.1:7233');
    expect(shellQuote("it's #1")).toBe(`'it'\\''s #1'`);
  });
});

describe('ETA pace correction', () => {
  it('paceFactor trusts the measured ratio in proportion to the samples, clamped, 1 without any', () => {
    expect(paceFactor([])).toBe(1);
    // One sample at 2× weighs 1 / (1 + 5): 1 + 1 × 1/6.
    expect(paceFactor([{ estimateMs: 1000, actualMs: 2000 }])).toBeCloseTo(1 + 1 / 6);
    // Five samples, 1.2× by total time: weight 1/2.
    const five = [1000, 1000, 1000, 1000, 6000].map((e) => ({ estimateMs: e, actualMs: e * 1.2 }));
    expect(paceFactor(five)).toBeCloseTo(1.1);
    const slow = Array.from({ length: 50 }, () => ({ estimateMs: 100, actualMs: 10_000 }));
    expect(paceFactor(slow)).toBe(PACE_FACTOR_MAX);
    const fast = Array.from({ length: 50 }, () => ({ estimateMs: 1000, actualMs: 1 }));
    expect(paceFactor(fast)).toBe(PACE_FACTOR_MIN);
    expect(
      paceFactor([
        { estimateMs: 0, actualMs: 5 },
        { estimateMs: Number.NaN, actualMs: 5 },
      ]),
    ).toBe(1);
  });

  it('remainingEstimate scales what is left by the run’s pace', () => {
    const model = buildRunGraphModel({
      source: 'definition',
      packages: [
        { name: 'a', dependencies: [] },
        { name: 'b', dependencies: [] },
        { name: 'c', dependencies: ['a', 'b'] },
      ],
    });
    const view: RunView = {
      summary: {
        workflowType: 'W',
        phase: 'building',
        totals: { packages: 3, completed: 2, failed: 0, blocked: 0, active: 0, queued: 1, pending: 0 },
        concurrency: { now: 0, max: 2 },
        startedAt: '2026-01-01T00:00:00.000Z',
        queue: [],
        generation: 0,
      },
      packages: {
        a: { status: 'completed', durationMs: 1500, estimateMs: 1000 },
        b: { status: 'completed', durationMs: 1500, estimateMs: 1000 },
        c: { status: 'ready', estimateMs: 2000 },
      },
    } as RunView;
    // Two samples at 1.5× weigh 2 / 7: c's 2000 ms becomes 2000 × (1 + 0.5 × 2/7).
    expect(remainingEstimate(model, view, Date.parse('2026-01-01T00:00:05.000Z'))!.remainingMs).toBeCloseTo(
      2000 * (1 + 0.5 * (2 / 7)),
    );
  });
});
