// Tier: unit (quick). The Gantt's rows: ordered as the run went (first build start, then ready
// time, then name), each with its segments in drawing order, and the segment under a time — what
// a click on a bar selects.
import { describe, expect, it } from 'vitest';
import { runTimeline } from '../../../src/core/graph';
import { ganttRows, segmentAt } from '../../../src/renderer/src/components/run-charts/gantt-rows';

describe('ganttRows', () => {
  const t = runTimeline({
    packages: [
      { name: 'z' },
      { name: 'b', dependencies: ['z'] },
      { name: 'a' },
      { name: 'never', dependencies: ['b'] },
    ],
    slots: 1,
    attempts: [
      { name: 'z', outcome: 'completed', startedAtMs: 0, finishedAtMs: 10 },
      { name: 'a', outcome: 'completed', startedAtMs: 10, finishedAtMs: 20 },
      { name: 'b', outcome: 'failed', attempt: 1, startedAtMs: 20, finishedAtMs: 25 },
    ],
    startedAtMs: 0,
    endMs: 30,
  });
  const rows = ganttRows(t.packages);

  it('orders rows by first build, a package never built last', () => {
    expect(rows.map((r) => r.name)).toEqual(['z', 'a', 'b', 'never']);
    expect(rows.map((r) => r.hasBuild)).toEqual([true, true, true, false]);
  });

  it('lists waits before builds, and finds the segment under a time', () => {
    const b = rows[2]!;
    expect(b.segments).toEqual([
      { kind: 'dependencies', startMs: 0, endMs: 10 },
      { kind: 'slot', startMs: 10, endMs: 20 },
      { kind: 'building', startMs: 20, endMs: 25, attempt: 1, outcome: 'failed' },
    ]);
    expect(segmentAt(b, 5)?.kind).toBe('dependencies');
    expect(segmentAt(b, 22)).toMatchObject({ kind: 'building', outcome: 'failed' });
    expect(segmentAt(b, 28)).toBeUndefined();
    expect(segmentAt(undefined, 5)).toBeUndefined();
  });
});
