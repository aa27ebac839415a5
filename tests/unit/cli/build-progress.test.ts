// Tier: unit (quick). What `build` prints: the status line's counts and ETA (the graph engine's
// simulation over the run's own estimates, a first run's median for unbuilt packages), the per-package lines, a
// terminal's redrawn status line versus plain lines, durations, and why a run failed from its
// close event (the failure's cause chain, a termination reason).
import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph';
import type { OrchestrationState } from '../../../src/core/orchestration/orchestration-state';
import { parseDuration } from '../../../src/main/cli/build-options';
import {
  BuildProgress,
  changeLines,
  formatDuration,
  remainingMs,
  statusLine,
} from '../../../src/main/cli/build-progress';
import { failureReason } from '../../../src/main/run-monitor/failure-reason';
import type { RunStateUpdate } from '../../../src/main/run-monitor/run-monitor';

const graph = DependencyGraph.fromPackages([
  { name: 'a' },
  { name: 'b', dependencies: ['a'] },
  { name: 'c' },
]);
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function state(estimates: Record<string, number>): OrchestrationState {
  return {
    workflowType: 'Build_v1',
    phase: 'building',
    totals: { packages: 3, completed: 1, failed: 0, blocked: 0, active: 1, queued: 0, pending: 1 },
    completed: [{ name: 'c', durationMs: 1500, childWorkflowId: 'w-c' }],
    active: [{ name: 'a', startedAt: new Date(T0).toISOString(), childWorkflowId: 'w-a', attempt: 1 }],
    failed: [],
    blocked: [],
    queue: [],
    concurrency: { now: 1, max: 2 },
    eta: { estimatedDurationsMs: estimates, policy: 'critical-path-first' },
    continueAsNew: { generation: 0, historyThreshold: 2000 },
    startedAt: new Date(T0).toISOString(),
  };
}

function update(s: OrchestrationState, started: string[] = [], completed: string[] = []): RunStateUpdate {
  return {
    workflowId: 'w',
    runId: 'r',
    seq: 1,
    state: s,
    diff: { started, completed, skipped: [], failed: [], blocked: [], reopened: [] },
  };
}

describe('build progress', () => {
  it('estimates what remains from the run’s estimates, and says so when there are none yet', () => {
    // a has run 4 s of its 10 s; b (10 s) follows it: 16 s left.
    expect(remainingMs(graph, state({ a: 10_000, b: 10_000, c: 2_000 }), T0 + 4_000)).toBe(16_000);
    // A first run (no history: 1 ms placeholders) takes its own median so far (c's 1.5 s) for
    // the unknown a and b; before anything finished there is no ETA.
    expect(remainingMs(graph, state({ a: 1, b: 1, c: 1 }), T0)).toBe(3_000);
    expect(remainingMs(graph, { ...state({ a: 1, b: 1, c: 1 }), completed: [] }, T0)).toBeUndefined();
    expect(statusLine(state({}), undefined)).toBe(
      '1/3 done · 0 failed · 0 blocked · 1 in flight · 0 queued · ETA after a first build',
    );
    expect(statusLine(state({}), 16_000)).toContain('ETA 16.0s');
  });

  it('prints plain lines without a terminal, and redraws one status line in a terminal', () => {
    const plain: string[] = [];
    new BuildProgress({ out: (l) => plain.push(l) }, graph, () => T0).update(update(state({}), ['a'], ['c']));
    expect(plain).toEqual([
      '  → a',
      '  ✓ c 1.5s',
      '[building] 1/3 done · 0 failed · 0 blocked · 1 in flight · 0 queued · ETA 3.0s',
    ]);

    const written: string[] = [];
    const tty = new BuildProgress(
      { out: () => undefined, tty: { write: (t) => written.push(t) } },
      graph,
      () => T0,
    );
    tty.update(update(state({}), ['a']));
    tty.tick();
    tty.end();
    expect(written).toEqual([
      '  → a\n',
      '\u001b[2K\r1/3 done · 0 failed · 0 blocked · 1 in flight · 0 queued · ETA 3.0s',
      '\u001b[2K\r',
      '\u001b[2K\r1/3 done · 0 failed · 0 blocked · 1 in flight · 0 queued · ETA 3.0s',
      '\u001b[2K\r',
    ]);
  });

  it('cuts the status line to the terminal’s width, so redrawing never leaves wrapped rows behind', () => {
    const written: string[] = [];
    const sink = { out: () => undefined, tty: { write: (t: string) => written.push(t), columns: () => 20 } };
    new BuildProgress(sink, graph, () => T0).update(update(state({})));
    expect(written).toEqual(['\u001b[2K\r1/3 done · 0 faile…']);
  });

  it('counts skipped packages and prints one line for each, apart from the built ones', () => {
    const s = state({ a: 10_000 });
    const withSkip: OrchestrationState = {
      ...s,
      phase: 'finished',
      totals: { ...s.totals, skipped: 1 },
      skipped: [{ name: 'docs' }] as OrchestrationState['skipped'],
    };
    expect(statusLine(withSkip, undefined)).toBe(
      '1/3 done · 1 skipped · 0 failed · 0 blocked · 1 in flight · 0 queued',
    );
    const u = update(withSkip);
    expect(changeLines({ ...u, diff: { ...u.diff, skipped: ['docs'] } })).toEqual([
      '  – docs skipped (none of the scripts)',
    ]);
  });

  it('formats durations and parses --retry-window', () => {
    expect([formatDuration(400), formatDuration(65_000), formatDuration(3_723_000)]).toEqual([
      '0.4s',
      '1:05',
      '1:02:03',
    ]);
    expect([parseDuration('30s'), parseDuration('5m'), parseDuration('1h30m'), parseDuration('90')]).toEqual([
      30_000, 300_000, 5_400_000, 90_000,
    ]);
    expect(() => parseDuration('5 minutes')).toThrow('"5 minutes" is not a duration');
  });
});

describe('failureReason', () => {
  it('joins a failure with its causes, and names terminations, timeouts and cancels', () => {
    expect(
      failureReason('failed', {
        workflowExecutionFailedEventAttributes: {
          failure: {
            message: 'Activity task failed',
            cause: { message: '/ws/packages/a/package.json:3:1: invalid JSON', cause: null },
          },
        },
      }),
    ).toBe('Activity task failed: /ws/packages/a/package.json:3:1: invalid JSON');
    expect(
      failureReason('failed', {
        workflowExecutionFailedEventAttributes: {
          failure: { message: 'x failed', cause: { message: 'x failed' } },
        },
      }),
    ).toBe('x failed');
    expect(
      failureReason('terminated', { workflowExecutionTerminatedEventAttributes: { reason: 'ops' } }),
    ).toBe('terminated: ops');
    expect(failureReason('timed_out', {})).toBe('the run exceeded its workflow execution timeout');
    expect(failureReason('completed', {})).toBeUndefined();
  });
});
