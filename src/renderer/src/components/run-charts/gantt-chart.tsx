import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { PackageTimeline } from '../../../../core/graph';
import { formatDuration } from '../../lib/run-format';
import { ganttRows, segmentAt, type GanttRow, type GanttSegment } from './gantt-rows';
import { formatSeconds, useUplot } from './use-uplot';

export interface GanttChartProps {
  packages: readonly PackageTimeline[];
  startMs: number;
  endMs: number;
  selected: string | null;
  onSelect: (name: string) => void;
}

/** Height of a row (CSS px) and the most rows on screen: more scroll, and only those are drawn. */
const ROW_PX = 18;
const MAX_VISIBLE_ROWS = 24;
const X_AXIS_PX = 44;

const COLOURS: Record<string, string> = {
  dependencies: '#c3c9d4',
  slot: '#9d86e0',
  completed: '#1f9d55',
  skipped: '#7cbf98',
  running: '#d08a00',
  failed: '#d6336c',
  cancelled: '#8a8a8a',
};
const LABELS: Record<GanttSegment['kind'], string> = {
  dependencies: 'waiting on dependencies',
  slot: 'waiting for a slot',
  building: 'building',
};

/**
 * A Gantt of the run's packages, three kinds of segment per bar: waiting on dependencies,
 * waiting for a slot, building (each attempt). uPlot owns the scales, axes and cursor; the bars
 * are drawn in its draw hook at the positions its scales give. Rows are virtualised: the chart
 * shows at most MAX_VISIBLE_ROWS, a native scrollbar moves the y scale's window, and only the
 * rows inside it are drawn. Clicking a bar selects its package (graph and details follow); a
 * package selected elsewhere is highlighted and scrolled into view.
 */
export function GanttChart({ packages, startMs, endMs, selected, onSelect }: GanttChartProps) {
  const rows = useMemo(() => ganttRows(packages), [packages]);
  const visible = Math.max(1, Math.min(MAX_VISIBLE_ROWS, rows.length));
  // uPlot's hooks read the latest props through refs, so the chart is not made again per update.
  const rowsRef = useRef<GanttRow[]>(rows);
  const selectedRef = useRef(selected);
  const startRef = useRef(startMs);
  const topRef = useRef(0);
  const onSelectRef = useRef(onSelect);
  // Layout effects run before the chart's data effect, which redraws with these.
  useLayoutEffect(() => {
    rowsRef.current = rows;
    selectedRef.current = selected;
    startRef.current = startMs;
    onSelectRef.current = onSelect;
  });
  const tooltip = useRef<HTMLDivElement | null>(null);
  const scroller = useRef<HTMLDivElement | null>(null);

  const data = useMemo<uPlot.AlignedData>(
    () => [
      [0, Math.max(0.001, (endMs - startMs) / 1000)],
      [0, 0],
    ],
    [startMs, endMs],
  );

  const options = useCallback(
    (width: number): uPlot.Options => {
      const under = (u: uPlot): { row: GanttRow | undefined; segment: GanttSegment | undefined } => {
        const { left, top } = u.cursor;
        if (left === undefined || top === undefined || left < 0 || top < 0)
          return { row: undefined, segment: undefined };
        const row = rowsRef.current[Math.floor(u.posToVal(top, 'y'))];
        const timeMs = startRef.current + u.posToVal(left, 'x') * 1000;
        // A few px of slack either side, so short builds can be hit.
        const slackMs = (u.posToVal(left + 3, 'x') - u.posToVal(left, 'x')) * 1000;
        return {
          row,
          segment:
            segmentAt(row, timeMs) ?? segmentAt(row, timeMs - slackMs) ?? segmentAt(row, timeMs + slackMs),
        };
      };
      return {
        width,
        height: visible * ROW_PX + X_AXIS_PX,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
        scales: {
          x: { time: false },
          y: { auto: false, dir: -1, range: () => [topRef.current, topRef.current + visible] },
        },
        axes: [
          { values: (_u, splits) => splits.map(formatSeconds), size: X_AXIS_PX - 8 },
          {
            scale: 'y',
            size: 170,
            gap: 4,
            ticks: { show: false },
            grid: { show: false },
            splits: (u) => {
              const from = Math.max(0, Math.floor(u.scales.y!.min ?? 0));
              const to = Math.min(rowsRef.current.length, Math.ceil(u.scales.y!.max ?? 0));
              return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i + 0.5);
            },
            values: (_u, splits) =>
              splits.map((v) => {
                const name = rowsRef.current[Math.floor(v)]?.name ?? '';
                return name.length > 24 ? `${name.slice(0, 23)}…` : name;
              }),
          },
        ],
        series: [{}, { scale: 'y', paths: () => null, points: { show: false } }],
        hooks: {
          draw: [(u) => drawRows(u, rowsRef.current, selectedRef.current, startRef.current)],
          setCursor: [
            (u) => {
              const tip = tooltip.current;
              if (!tip) return;
              const { row, segment } = under(u);
              if (!row || !segment) {
                tip.hidden = true;
                return;
              }
              tip.hidden = false;
              tip.textContent = `${row.name}: ${LABELS[segment.kind]}${
                segment.kind === 'building' && segment.attempt! > 1 ? ` (attempt ${segment.attempt})` : ''
              }${segment.outcome && segment.outcome !== 'running' ? `, ${segment.outcome}` : ''} · ${formatDuration(
                segment.endMs - segment.startMs,
              )}`;
              tip.dataset.package = row.name;
              tip.dataset.segment = segment.kind;
              tip.style.left = `${u.cursor.left! + u.bbox.left / devicePixelRatio + 12}px`;
              tip.style.top = `${u.cursor.top! + u.bbox.top / devicePixelRatio + 8}px`;
            },
          ],
          ready: [
            (u) =>
              u.over.addEventListener('click', () => {
                const { row, segment } = under(u);
                if (row && segment) onSelectRef.current(row.name);
              }),
          ],
        },
      };
    },
    [visible],
  );
  const { container, plot } = useUplot(options, data);

  // Native scrolling moves the window of rows the y scale shows.
  const onScroll = () => {
    const u = plot.current;
    const top = Math.min(Math.max(0, rows.length - visible), (scroller.current?.scrollTop ?? 0) / ROW_PX);
    topRef.current = top;
    u?.setScale('y', { min: top, max: top + visible });
  };

  // New rows or a package selected elsewhere (the graph, a list): drawn again, the selection
  // highlighted and scrolled to.
  useEffect(() => {
    // Setting the y window again recomputes the row labels too (the order changes as packages start).
    plot.current?.setScale('y', { min: topRef.current, max: topRef.current + visible });
    const index = rows.findIndex((r) => r.name === selected);
    const el = scroller.current;
    if (index < 0 || !el) return;
    if (index < topRef.current || index >= topRef.current + visible)
      el.scrollTop = Math.max(0, index - Math.floor(visible / 2)) * ROW_PX;
  }, [selected, rows, visible, plot]);

  const bars = rows.filter((r) => r.hasBuild).length;
  return (
    <div
      className="gantt"
      data-testid="gantt"
      data-rows={rows.length}
      data-bars={bars}
      data-visible-rows={visible}
      data-order={rows.map((r) => r.name).join('\n')}
      data-selected={selected ?? ''}
    >
      <div
        className="gantt__scroll"
        ref={scroller}
        onScroll={onScroll}
        style={{ height: visible * ROW_PX + X_AXIS_PX + 8 }}
      >
        <div className="gantt__sticky">
          <div
            ref={container}
            className="run-chart"
            role="img"
            aria-label={`Gantt of ${rows.length} packages: waiting on dependencies, waiting for a slot, building`}
          />
          <div className="gantt__tooltip" ref={tooltip} hidden data-testid="gantt-tooltip" />
        </div>
        {/* Scroll room for the rows below the window (+ the scroller's own 8 px of slack). */}
        <div
          style={{ height: rows.length > visible ? (rows.length - visible) * ROW_PX + 8 : 0 }}
          aria-hidden="true"
        />
      </div>
      <p className="gantt__legend muted">
        <span className="gantt__key gantt__key--deps" /> waiting on dependencies{' '}
        <span className="gantt__key gantt__key--slot" /> waiting for a slot{' '}
        <span className="gantt__key gantt__key--build" /> building{' '}
        <span className="gantt__key gantt__key--failed" /> failed attempt
        {rows.length > visible ? ` · ${rows.length} packages, scroll for more` : ''}
      </p>
    </div>
  );
}

/** Draws the rows inside the y scale's window, at the positions uPlot's scales give. */
function drawRows(u: uPlot, rows: readonly GanttRow[], selected: string | null, startMs: number): void {
  const { ctx } = u;
  const min = u.scales.y!.min ?? 0;
  const max = u.scales.y!.max ?? 0;
  const from = Math.max(0, Math.floor(min));
  const to = Math.min(rows.length, Math.ceil(max));
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const x = (ms: number): number => u.valToPos((ms - startMs) / 1000, 'x', true);
  for (let i = from; i < to; i++) {
    const row = rows[i]!;
    const y0 = u.valToPos(i, 'y', true);
    const y1 = u.valToPos(i + 1, 'y', true);
    const h = y1 - y0;
    if (row.name === selected) {
      ctx.fillStyle = 'rgba(59, 91, 219, 0.14)';
      ctx.fillRect(left, y0, width, h);
    }
    for (const s of row.segments) {
      const x0 = x(s.startMs);
      const w = Math.max(2 * devicePixelRatio, x(s.endMs) - x0);
      const building = s.kind === 'building';
      const inset = building ? h * 0.15 : h * 0.32;
      ctx.fillStyle = COLOURS[building ? (s.outcome ?? 'running') : s.kind] ?? COLOURS.running!;
      ctx.fillRect(x0, y0 + inset, w, h - 2 * inset);
    }
  }
  ctx.restore();
}
