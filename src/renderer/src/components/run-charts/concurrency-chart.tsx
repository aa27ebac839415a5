import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import type { ConcurrencySeries } from '../../../../core/graph';
import { formatSeconds, useUplot } from './use-uplot';

export interface ConcurrencyChartProps {
  series: ConcurrencySeries;
  startMs: number;
  /** N: drawn as the reference line the in-flight count never crosses. */
  slots: number;
}

const HEIGHT = 180;

/** Builds in flight over time against N, with the packages waiting for a slot beneath. */
export function ConcurrencyChart({ series, startMs, slots }: ConcurrencyChartProps) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      series.timesMs.map((t) => (t - startMs) / 1000),
      [...series.inFlight],
      [...series.waitingForSlot],
      series.timesMs.map(() => slots),
    ],
    [series, startMs, slots],
  );
  const options = useCallback(
    (width: number): uPlot.Options => ({
      width,
      height: HEIGHT,
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      // From 0 to one above the larger of N and the data's highest count: the N line always shows.
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(slots, max) + 1] } },
      axes: [
        { values: (_u, splits) => splits.map(formatSeconds) },
        { label: 'packages', size: 48, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500] },
      ],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '—' : formatSeconds(v)) },
        {
          label: 'building',
          stroke: '#d08a00',
          fill: 'rgba(208, 138, 0, 0.15)',
          width: 2,
          points: { show: false },
          paths: uPlot.paths.stepped!({ align: 1 }),
        },
        {
          label: 'waiting for a slot',
          stroke: '#9d86e0',
          width: 1.5,
          points: { show: false },
          paths: uPlot.paths.stepped!({ align: 1 }),
        },
        { label: `N = ${slots}`, stroke: '#d6336c', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
    }),
    [slots],
  );
  const { container } = useUplot(options, data);
  return (
    <div
      className="run-chart run-chart--concurrency"
      ref={container}
      data-testid="concurrency-chart"
      data-slots={slots}
      data-max-in-flight={Math.max(0, ...series.inFlight)}
      data-points={series.timesMs.length}
      role="img"
      aria-label={`Builds in flight over time against N = ${slots}; at most ${Math.max(0, ...series.inFlight)} at once`}
    />
  );
}
