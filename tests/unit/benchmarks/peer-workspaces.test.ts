// Tier: unit (quick). The peers benchmark's own parts (benchmarks/lib): the seeded workspaces have the
// shapes the tables claim (50 packages, 98 edges, 6 layers; …) and our workspace reader sees the same
// graph in the files written for every tool; the timeline check refuses a build that started before
// its dependency ended, a package built twice or not at all, and counts builds in flight correctly.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maxInFlight, readTimeline } from '../../../benchmarks/lib/build-timeline';
import { lowerBound, PEER_WORKSPACES, writePeerWorkspace } from '../../../benchmarks/lib/peer-workspaces';
import { checkWorkspace } from '../../../src/main/monorepo-build/check-workspace';

const scratch = mkdtempSync(join(tmpdir(), 'wb-peer-ws-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const edgesOf = (id: string): number =>
  PEER_WORKSPACES[id]!().packages.reduce((sum, p) => sum + p.dependencies.length, 0);

describe('peer workspaces', () => {
  it('have the sizes and edge counts the benchmark prints, the same for every call (seeded)', () => {
    expect(PEER_WORKSPACES['sleep-50']!().packages).toHaveLength(50);
    expect(edgesOf('sleep-50')).toBe(98);
    expect(edgesOf('sleep-20')).toBe(36);
    expect(edgesOf('mixed-200')).toBe(455);
    expect(edgesOf('instant-100')).toBe(0);
    expect(PEER_WORKSPACES['sleep-50']!()).toEqual(PEER_WORKSPACES['sleep-50']!());
    for (const pkg of PEER_WORKSPACES['sleep-50']!().packages) {
      expect(pkg.buildMs).toBeGreaterThanOrEqual(500);
      expect(pkg.buildMs).toBeLessThanOrEqual(6000);
    }
    // 6 layers: the longest dependency chain has 6 packages.
    const ws = PEER_WORKSPACES['sleep-50']!();
    const byName = new Map(ws.packages.map((p) => [p.name, p]));
    const depth = (name: string): number => 1 + Math.max(0, ...byName.get(name)!.dependencies.map(depth));
    expect(Math.max(...ws.packages.map((p) => depth(p.name)))).toBe(6);
  });

  it('are read by our CLI’s workspace check as the same graph (workspace:* dependencies)', async () => {
    const ws = PEER_WORKSPACES['sleep-50']!();
    const dir = join(scratch, 'sleep-50');
    writePeerWorkspace(dir, ws, '10.34.9');
    const checked = await checkWorkspace(dir, {});
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    expect(checked.graph.size).toBe(50);
    expect(checked.graph.edgeCount).toBe(98);
  });

  it('lower bound = max(critical path, work / N)', () => {
    const bound = lowerBound(
      {
        id: 't',
        description: 't',
        packages: [
          { name: 'a', dependencies: [], buildMs: 1000 },
          { name: 'b', dependencies: ['a'], buildMs: 2000 },
          { name: 'c', dependencies: [], buildMs: 500 },
        ],
      },
      2,
    );
    expect(bound).toEqual({ workMs: 3500, criticalPathMs: 3000, boundMs: 3000 });
  });
});

describe('build timeline', () => {
  const packages = [
    { name: 'a', dependencies: [], buildMs: 0 },
    { name: 'b', dependencies: ['a'], buildMs: 0 },
    { name: 'c', dependencies: [], buildMs: 0 },
  ];
  const at = (ms: number): string => String(BigInt(ms) * 1_000_000n);
  const timeline = (lines: string[]): string => {
    const file = join(scratch, `timeline-${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(file, '');
    for (const line of lines) appendFileSync(file, `${line}\n`);
    return file;
  };

  it('reads first start, last end and builds in flight', () => {
    const file = timeline([
      `a start ${at(1000)}`,
      `c start ${at(1100)}`,
      `a end ${at(1500)}`,
      `b start ${at(1500)}`,
      `c end ${at(1800)}`,
      `b end ${at(2000)}`,
    ]);
    const summary = readTimeline(file, packages);
    expect(summary.firstStartMs).toBe(1000);
    expect(summary.lastEndMs).toBe(2000);
    expect(summary.maxInFlight).toBe(2); // b starting as a ends is not a third
  });

  it('refuses a build before its dependency ended, a double build and a missing one', () => {
    expect(() =>
      readTimeline(
        timeline([
          `a start ${at(1)}`,
          `b start ${at(2)}`,
          `a end ${at(3)}`,
          `b end ${at(4)}`,
          `c start ${at(1)}`,
          `c end ${at(2)}`,
        ]),
        packages,
      ),
    ).toThrow('b started before its dependency a had ended');
    expect(() => readTimeline(timeline([`a start ${at(1)}`, `a start ${at(2)}`]), packages)).toThrow(
      'a started twice',
    );
    expect(() => readTimeline(timeline([`a start ${at(1)}`, `a end ${at(2)}`]), packages)).toThrow(
      'b was not built',
    );
  });

  it('max in flight counts overlapping builds', () => {
    expect(maxInFlight([0, 1, 2, 3].map((i) => ({ name: `p${i}`, startMs: i * 10, endMs: 100 })))).toBe(4);
  });
});
