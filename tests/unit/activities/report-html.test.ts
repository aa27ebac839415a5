/**
 * Quick tier. Proves the HTML report (report.html): it shows each package's status, duration,
 * attempts and log path, the critical path, makespan against the lower bound and utilisation —
 * the run summary's numbers — escapes every run-provided text (a package named like markup stays
 * text), carries no script, and is written beside report.json and report.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../../src/main/activities';
import { renderReportHtml } from '../../../src/main/activities/report-html';
import { reportSummary } from '../../../src/main/activities/report-markdown';
import { tempDir } from './helpers';

const EVIL = '<img src=x onerror="alert(1)">&co';

const state = {
  workflowType: 'PackageBuilder_v1',
  phase: 'finished',
  totals: { packages: 3, completed: 2, failed: 1, blocked: 0, active: 0, queued: 0, pending: 0 },
  completed: [
    { name: '@acme/utils', durationMs: 1200, childWorkflowId: 'pb-1/@acme/utils#1' },
    { name: EVIL, durationMs: 3000, childWorkflowId: 'pb-1/evil#1' },
  ],
  active: [],
  failed: [
    { name: '@acme/db', error: 'exit 1 </td><script>x()</script>', childWorkflowId: 'pb-1/@acme/db#1' },
  ],
  blocked: [],
  queue: [],
  concurrency: { now: 0, max: 2 },
  eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
  continueAsNew: { generation: 0, historyThreshold: 5000 },
  startedAt: '2025-03-01T09:59:56.000Z',
  finishedAt: '2025-03-01T10:00:00.000Z',
};

const render = (report: unknown = state): string =>
  renderReportHtml({
    title: 'Build <b>x</b>',
    runId: 'pb-1',
    generatedAt: '2025-03-01T10:00:00.000Z',
    report,
  });

describe('renderReportHtml', () => {
  it('escapes package names, errors and the title, and contains no script', () => {
    const html = render();
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;co');
    expect(html).toContain('exit 1 &lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(html).toContain('<h1>Build &lt;b&gt;x&lt;/b&gt;</h1>');
    expect(html).toContain("default-src 'none'");
  });

  it("shows the run summary's numbers: per package, schedule and totals", () => {
    const { summary } = reportSummary(state)!;
    const html = render();
    // 4.2 s of work on N=2 in a 4 s run: lower bound max(3.0 s, 2.1 s) = 3.0 s, 75 % efficient.
    expect(summary.workMs).toBe(4200);
    expect(summary.lowerBoundMs).toBe(3000);
    expect(html).toContain('<tr><th>Makespan</th><td>4.0 s</td></tr>');
    expect(html).toContain('3.0 s = max(longest package 3.0 s, work 4.2 s / N=2)');
    expect(html).toContain('<tr><th>Efficiency</th><td>75 % (lower bound / makespan)</td></tr>');
    expect(html).toContain('Utilisation average');
    expect(html).toMatch(
      /<td>@acme\/utils<\/td><td class="s-completed">completed<\/td><td class="num">1.2 s<\/td><td class="num">1<\/td><td><code>logs\/pb-1\/@acme__utils.attempt-1.log<\/code>/,
    );
    expect(html).toMatch(/<td>@acme\/db<\/td><td class="s-failed">failed: exit 1/);
    expect(html).toContain(
      '<tr><th>Packages</th><td>3</td></tr><tr><th>Completed</th><td>2</td></tr><tr><th>Failed</th><td>1</td></tr>',
    );
  });

  it('shows any other report value as escaped JSON', () => {
    const html = render({ note: '</pre><b>' });
    expect(html).toContain('&lt;/pre&gt;&lt;b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('is written beside report.json and report.md', async () => {
    const dir = tempDir();
    const { writeReport } = createActivities({ now: () => 0, reportDir: dir });
    await writeReport({ runId: 'pb-1', title: 'Nightly', report: state });
    const html = fs.readFileSync(path.join(dir, 'pb-1', 'report.html'), 'utf8');
    expect(html).toContain('<title>Nightly</title>');
    expect(html).toContain('@acme/utils');
  });
});
