import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../../src/core/graph/dependency-graph';
import { createActivities } from '../../../src/main/activities';
import { rejection, tempDir } from './helpers';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

/** An OrchestrationState as the shared plan defines it. */
const state = {
  workflowType: 'PackageBuilder_v1',
  phase: 'finished',
  totals: { packages: 5, completed: 3, failed: 1, blocked: 1, active: 0, queued: 0, pending: 0 },
  completed: [
    { name: '@acme/utils', durationMs: 1200, childWorkflowId: 'pb-1/@acme/utils#1' },
    { name: '@acme/types', durationMs: 800, childWorkflowId: 'pb-1/@acme/types#1' },
    { name: '@acme/logger', durationMs: 2500, childWorkflowId: 'pb-1/@acme/logger#1' },
  ],
  active: [],
  failed: [
    { name: '@acme/db', error: 'migration | check failed\nat line 3', childWorkflowId: 'pb-1/@acme/db#2' },
  ],
  blocked: [{ name: '@acme/api-server', blockedBy: '@acme/db' }],
  queue: [],
  concurrency: { now: 0, max: 4 },
  eta: { estimatedDurationsMs: {}, policy: 'critical-path-first' },
  continueAsNew: { generation: 2, historyThreshold: 5000 },
  startedAt: '2025-03-01T09:59:57.000Z',
  finishedAt: '2025-03-01T10:00:00.000Z',
};

describe('writeReport', () => {
  it('follows the edges of the graph the workflow sends with its state: the critical path is a chain, not the longest package', async () => {
    const graph = DependencyGraph.fromPackages([
      { name: '@acme/types' },
      { name: '@acme/utils', dependencies: ['@acme/types'] },
      { name: '@acme/logger', dependencies: ['@acme/types'] },
      { name: '@acme/db' },
      { name: '@acme/api-server', dependencies: ['@acme/db', '@acme/logger'] },
    ]).toJSON();
    const dir = tempDir();
    const { writeReport } = createActivities({ now: () => NOW, reportDir: dir });
    const report = { ...state, finishedAt: '2025-03-01T10:00:01.000Z', graph };
    const result = await writeReport({ runId: 'pb-2', title: 'With edges', report });
    const json = JSON.parse(fs.readFileSync(result.path, 'utf8'));
    // types (0.8 s) then logger (2.5 s): 3.3 s, above the longest package alone (2.5 s); the
    // blocked api-server (never built, 0 s) ends the chain it waits on.
    expect(json.summary).toMatchObject({
      lowerBoundMs: 3300,
      criticalPath: { path: ['@acme/types', '@acme/logger', '@acme/api-server'], lengthMs: 3300 },
    });
    const md = fs.readFileSync(result.markdownPath, 'utf8');
    expect(md).toContain('| Lower bound | 3.3 s = max(critical path 3.3 s, work 4.5 s / 4) |');
    expect(md).toContain('| Critical path | @acme/types → @acme/logger → @acme/api-server |');
  });

  it('writes report.json and a readable report.md under <reportDir>/<runId>/ and returns the paths', async () => {
    const dir = tempDir();
    const { writeReport } = createActivities({ now: () => NOW, reportDir: dir });
    const result = await writeReport({ runId: 'pb-1', title: 'Nightly build', report: state });

    expect(result).toEqual({
      path: path.join(dir, 'pb-1', 'report.json'),
      markdownPath: path.join(dir, 'pb-1', 'report.md'),
    });
    const json = JSON.parse(fs.readFileSync(result.path, 'utf8'));
    expect(json).toEqual({
      title: 'Nightly build',
      runId: 'pb-1',
      generatedAt: '2025-03-01T10:00:00.000Z',
      report: state,
      summary: expect.any(Object),
    });
    // The numbers of core/graph/run-summary: 4.5 s of work on 4 slots in 3 s; the state has no
    // edges, so the longest package (2.5 s) stands in for the critical path.
    expect(json.summary).toMatchObject({
      slots: 4,
      workMs: 4500,
      makespanMs: 3000,
      lowerBoundMs: 2500,
      utilisation: { average: 0.375 },
      totals: { packages: 5, completed: 3, failed: 1, blocked: 1, attempts: 4, retries: 0 },
    });
    const md = fs.readFileSync(result.markdownPath, 'utf8');
    expect(md).toMatchInlineSnapshot(`
      "# Nightly build

      Run \`pb-1\` · generated 2025-03-01T10:00:00.000Z

      | | |
      |---|---|
      | Workflow | PackageBuilder_v1 |
      | Phase | finished |
      | Packages | 5 |
      | Completed | 3 |
      | Failed | 1 |
      | Blocked | 1 |
      | Started | 2025-03-01T09:59:57.000Z |
      | Finished | 2025-03-01T10:00:00.000Z |
      | Wall time | 3.0 s |
      | Sum of build times | 4.5 s (1.5× parallelism) |
      | Max concurrency | 4 |
      | Scheduling policy | critical-path-first |
      | Continued as new | 2× |

      ## Schedule

      | | |
      |---|---|
      | Makespan | 3.0 s |
      | Lower bound | 2.5 s = max(longest package 2.5 s, work 4.5 s / 4) |
      | Efficiency | 83 % (lower bound / makespan) |
      | Slot utilisation | average 38 % (in flight / N over time) |

      ## Failures

      | Package | Error | Child workflow |
      |---|---|---|
      | @acme/db | migration \\| check failed at line 3 | \`pb-1/@acme/db#2\` |

      ## Blocked

      Not built because a dependency failed (directly or through another blocked package).

      | Package | Blocked by |
      |---|---|
      | @acme/api-server | @acme/db |

      ## Build durations

      | # | Package | Duration |
      |---:|---|---:|
      | 1 | @acme/logger | 2.5 s |
      | 2 | @acme/utils | 1.2 s |
      | 3 | @acme/types | 800 ms |
      "
    `);
  });

  it('shows any other value as JSON and keeps run ids with slashes inside the folder', async () => {
    const dir = tempDir();
    const { writeReport } = createActivities({ now: () => NOW, reportDir: dir });
    const result = await writeReport({ runId: 'parent/../x', title: 'Free form', report: { ok: true } });
    expect(path.dirname(result.path)).toBe(path.join(dir, 'parent__..__x'));
    expect(fs.readFileSync(result.markdownPath, 'utf8')).toContain(
      '## Report\n\n```json\n{\n  "ok": true\n}\n```',
    );
    expect(fs.readdirSync(path.dirname(result.path)).sort()).toEqual(['report.html', 'report.json', 'report.md']); // no temp files left
  });

  it('defaults to <WB_DATA_DIR>/reports and overwrites a previous report of the same run', async () => {
    const dataDir = tempDir();
    const { writeReport } = createActivities({ env: { WB_DATA_DIR: dataDir } });
    await writeReport({ runId: 'r', title: 'first', report: null });
    const result = await writeReport({ runId: 'r', title: 'second', report: null });
    expect(result.path).toBe(path.join(dataDir, 'reports', 'r', 'report.json'));
    expect(JSON.parse(fs.readFileSync(result.path, 'utf8'))).toMatchObject({ title: 'second', report: null });
  });

  it('refuses a folder in the input: reports go where the worker decides', async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    const { writeReport } = createActivities({ reportDir: dir });
    const error = await rejection(
      writeReport({ runId: 'r', title: 't', report: {}, dir: elsewhere } as Parameters<typeof writeReport>[0]),
    );
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(error.message).toMatch(/^writeReport: invalid input: .*dir/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('rejects a missing title', async () => {
    const { writeReport } = createActivities({ reportDir: tempDir() });
    const error = await rejection(writeReport({ runId: 'r', title: '', report: {} }));
    expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
  });
});
