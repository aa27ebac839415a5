import type { PackageTimeline, TimeSpan } from '../../../../core/graph';

/** A Gantt row's segment: what the package was doing between two times. */
export interface GanttSegment extends TimeSpan {
  kind: 'dependencies' | 'slot' | 'building';
  /** For builds: the attempt and how it ended (`running`: not yet). */
  attempt?: number;
  outcome?: string;
}

export interface GanttRow {
  name: string;
  segments: GanttSegment[];
  hasBuild: boolean;
}

/**
 * The Gantt's rows, in the order packages started building (then by ready time, then name):
 * the chart reads top-down like the run went. Pure: the chart only draws them.
 */
export function ganttRows(packages: readonly PackageTimeline[]): GanttRow[] {
  const key = (p: PackageTimeline): [number, number] => [
    p.builds[0]?.startMs ?? Infinity,
    p.readyAtMs ?? Infinity,
  ];
  return [...packages]
    .sort((a, b) => {
      const [sa, ra] = key(a);
      const [sb, rb] = key(b);
      return sa - sb || ra - rb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    })
    .map((p) => {
      const segments: GanttSegment[] = [];
      if (p.waitingOnDependencies) segments.push({ kind: 'dependencies', ...p.waitingOnDependencies });
      if (p.waitingForSlot) segments.push({ kind: 'slot', ...p.waitingForSlot });
      for (const b of p.builds)
        segments.push({
          kind: 'building',
          startMs: b.startMs,
          endMs: b.endMs,
          attempt: b.attempt,
          outcome: b.outcome,
        });
      return { name: p.name, segments, hasBuild: p.builds.length > 0 };
    });
}

/** The segment of a row at a time (the last drawn wins: builds over waits), if any. */
export function segmentAt(row: GanttRow | undefined, timeMs: number): GanttSegment | undefined {
  if (!row) return undefined;
  for (let i = row.segments.length - 1; i >= 0; i--) {
    const s = row.segments[i]!;
    if (timeMs >= s.startMs && timeMs <= s.endMs) return s;
  }
  return undefined;
}
