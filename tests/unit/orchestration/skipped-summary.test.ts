// Tier: quick (pure). Skipped packages (the child ran nothing: no such script) travel from the
// orchestration state into the run summary (status `skipped`, counted apart from completed) and
// into the report's Markdown.
import { describe, expect, it } from 'vitest';
import type { OrchestrationState } from '../../../src/core/orchestration/orchestration-state';
import { summarizeState } from '../../../src/core/orchestration/state-summary';
import { renderReportMarkdown } from '../../../src/main/activities/report-markdown';

const state: OrchestrationState = {
  workflowType: 'PackageBuilder_v1',
  phase: 'finished',
  totals: { packages: 3, completed: 2, skipped: 1, failed: 0, blocked: 0, active: 0, queued: 0, pending: 0 },
  completed: [
    { name: 'lib', durationMs: 400, childWorkflowId: 'w/lib#1' },
    { name: 'app', durationMs: 600, childWorkflowId: 'w/app#1' },
  ],
  skipped: [{ name: 'docs', durationMs: 5, childWorkflowId: 'w/docs#1' }],
  active: [],
  failed: [],
  blocked: [],
  queue: [],
  concurrency: { now: 0, max: 2 },
  eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
  continueAsNew: { generation: 0, historyThreshold: 2000 },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
};

describe('skipped packages in the summary and the report', () => {
  it('the run summary reports them skipped, not completed', () => {
    const { summary } = summarizeState(state, [
      { name: 'lib' },
      { name: 'docs' },
      { name: 'app', dependencies: ['lib', 'docs'] },
    ]);
    expect(summary.packages.find((p) => p.name === 'docs')).toMatchObject({ status: 'skipped', attempts: 1 });
    expect(summary.totals).toMatchObject({ packages: 3, completed: 2, skipped: 1, failed: 0 });
  });

  it('the Markdown report counts and lists them', () => {
    const md = renderReportMarkdown({ title: 'Build', runId: 'w', generatedAt: 'now', report: state });
    expect(md).toContain('| Skipped (no such script) | 1 |');
    expect(md).toMatch(
      /## Skipped\n\nNothing to run: the package has none of the requested scripts.\n\n- docs\n/,
    );
    expect(md).not.toMatch(/\| \d+ \| docs \|/); // not among the build durations
  });
});
