import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
// uPlot's own stylesheet, bundled as a file: the CSP allows no injected <style>.
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart in a container div: made when `options` change (they are memoised by the caller),
 * fed new data with setData (no re-creation per update), resized with its container, destroyed
 * on unmount. uPlot draws on a canvas and sets styles only through the CSSOM.
 */
export function useUplot(
  options: (width: number) => uPlot.Options,
  data: uPlot.AlignedData,
): { container: RefObject<HTMLDivElement | null>; plot: RefObject<uPlot | null> } {
  const container = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  useLayoutEffect(() => {
    latest.current = data;
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = new uPlot(options(Math.max(200, el.clientWidth)), latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chart.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [options]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return { container, plot };
}

/** Seconds since the run's start, as the charts' x axis shows them. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
}
