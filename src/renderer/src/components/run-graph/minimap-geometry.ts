/**
 * Geometry of the run graph's minimap and dot grid, as plain functions of the viewport.
 *
 * The minimap's frame is React Flow's MiniMap's (200 × 150 px, the bounds of the nodes and the
 * view together, centred, with a margin of `offsetScale` minimap pixels), so the drawing at rest
 * is the one React Flow drew; canvas-minimap.tsx draws it on a canvas and only moves the view's
 * rectangle while the canvas moves.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: screen = flow × zoom + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * What the minimap shows: the flow rectangle `frame`, scaled by `scale` and centred in the
 * minimap (its corner at `origin`, minimap px), as an SVG viewBox is drawn with the default
 * `preserveAspectRatio` (xMidYMid meet).
 */
export interface MinimapFrame {
  frame: Rect;
  /** Minimap pixels per flow unit. */
  scale: number;
  origin: { x: number; y: number };
}

/** React Flow's MiniMap default size and margin. */
export const MINIMAP_SIZE: Size = { width: 200, height: 150 };
export const MINIMAP_OFFSET_SCALE = 5;

/** The flow rectangle the pane shows at `viewport` (React Flow's `viewBB`). */
export function visibleRect(viewport: Viewport, pane: Size): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: pane.width / viewport.zoom,
    height: pane.height / viewport.zoom,
  };
}

/** The smallest rectangle holding all of `rects`; null for none. */
export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The minimap's frame for nodes within `nodeBounds` seen at `viewport` (React Flow's MiniMap:
 * the union of the nodes' bounds and the visible rectangle, centred in the minimap's aspect,
 * plus `offsetScale` minimap pixels on every side).
 */
export function minimapFrame(
  nodeBounds: Rect | null,
  viewport: Viewport,
  pane: Size,
  size: Size = MINIMAP_SIZE,
  offsetScale = MINIMAP_OFFSET_SCALE,
): MinimapFrame {
  const view = visibleRect(viewport, pane);
  const bounds = nodeBounds ? boundsOf([nodeBounds, view])! : view;
  const viewScale = Math.max(bounds.width / size.width, bounds.height / size.height);
  const viewWidth = viewScale * size.width;
  const viewHeight = viewScale * size.height;
  const offset = offsetScale * viewScale;
  const frame = {
    x: bounds.x - (viewWidth - bounds.width) / 2 - offset,
    y: bounds.y - (viewHeight - bounds.height) / 2 - offset,
    width: viewWidth + offset * 2,
    height: viewHeight + offset * 2,
  };
  // The margin makes the frame's aspect differ from the minimap's: it is fitted and centred.
  const scale = Math.min(size.width / frame.width, size.height / frame.height);
  const origin = {
    x: (size.width - frame.width * scale) / 2,
    y: (size.height - frame.height * scale) / 2,
  };
  return { frame, scale, origin };
}

/** `rect` (flow units) in minimap pixels of `frame`. */
export function toMinimap(rect: Rect, { frame, scale, origin }: MinimapFrame): Rect {
  return {
    x: origin.x + (rect.x - frame.x) * scale,
    y: origin.y + (rect.y - frame.y) * scale,
    width: rect.width * scale,
    height: rect.height * scale,
  };
}

/** True when two frames draw the same minimap (to the hundredth of a minimap pixel). */
export function sameFrame(a: MinimapFrame | null, b: MinimapFrame): boolean {
  if (!a) return false;
  const near = (u: number, v: number) => Math.abs(u - v) * b.scale < 0.01;
  return (
    near(a.frame.x, b.frame.x) &&
    near(a.frame.y, b.frame.y) &&
    near(a.frame.width, b.frame.width) &&
    Math.abs(a.scale - b.scale) <= 1e-9 * b.scale
  );
}

/**
 * The shift (screen px, within ±period/2) that moves a periodic pattern drawn for translation
 * `from` to where it belongs at translation `to`: the dot grid is drawn once per zoom and only
 * shifted, as a compositor layer, while the canvas pans.
 */
export function periodicShift(from: number, to: number, period: number): number {
  if (!(period > 0)) return 0;
  const d = to - from;
  return d - period * Math.round(d / period);
}
