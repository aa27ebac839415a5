import type { PackageRunStatus } from '../../../../core/run-status';
import { boundsOf } from './minimap-geometry';

/**
 * Geometry of the run graph's placeholder: the engine's layered layout drawn on one canvas, fitted
 * into the graph's area, before React Flow mounts. Mounting React Flow costs a DOM subtree and a
 * store subscription per node (about a second for 500 packages on a loaded machine); a canvas of
 * rectangles is drawn in a few milliseconds at any size, so the page shows the graph at once.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  width: number;
  height: number;
}

/** Screen = flow · scale + offset. */
export interface FitTransform {
  scale: number;
  x: number;
  y: number;
}

/**
 * The transform that fits boxes of size `box` at `positions` (top-left corners) into an area of
 * `area`, centred, never scaled above `maxScale`; `padding` as React Flow's fitView takes it (the
 * drawing fills 1 / (1 + padding) of the area), so React Flow mounted at this viewport is where
 * its own fit would put it. An empty drawing or area gives the identity.
 */
export function fitTransform(
  positions: Iterable<Point>,
  box: Box,
  area: Box,
  padding = 0.08,
  maxScale = 2,
): FitTransform {
  const bounds = boundsOf(Array.from(positions, (p) => ({ x: p.x, y: p.y, ...box })));
  if (!bounds || !(bounds.width > 0) || !(area.width > 0) || !(area.height > 0))
    return { scale: 1, x: 0, y: 0 };
  const { x: minX, y: minY, width, height } = bounds;
  const usable = 1 / (1 + padding);
  const scale = Math.min(maxScale, (area.width * usable) / width, (area.height * usable) / height);
  return {
    scale,
    x: (area.width - width * scale) / 2 - minX * scale,
    y: (area.height - height * scale) / 2 - minY * scale,
  };
}

/** The CSS custom properties (run-dashboard.css) holding a status's fill and border colours. */
export function statusColourVars(status: PackageRunStatus): { fill: string; border: string } {
  const name = status === 'waiting-for-slot' ? 'waiting' : status;
  return { fill: `--status-${name}`, border: `--status-${name}-border` };
}
