import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  MINIMAP_SIZE,
  boundsOf,
  minimapFrame,
  sameFrame,
  toMinimap,
  visibleRect,
  type MinimapFrame,
  type Rect,
} from './minimap-geometry';
import type { MovingSignal } from './moving-signal';

export interface MiniMapBox extends Rect {
  id: string;
}

/** How a minimap colours its boxes. */
export interface MiniMapFills {
  /** The fill of box `id`, read each time the boxes are drawn; `host` is the minimap's element. */
  fillOf(id: string, host: HTMLElement): string;
  /** Calls `repaint` whenever some box's fill changed; returns the unsubscribe function. */
  subscribe?(repaint: () => void): () => void;
}

/** Flow units of a box's corner radius (React Flow's MiniMap default). */
const BOX_RADIUS = 5;

/**
 * React Flow's MiniMap drawing (the same frame, the view's rectangle clear in a veiled map;
 * pannable and zoomable), drawn so that a pan costs nothing there. React Flow's is an SVG of one
 * rectangle per node whose frame and veil change on every viewport change: 500 boxes re-laid out
 * and repainted each frame of a pan, plus a store selector per box. Here the boxes are one canvas,
 * drawn when the boxes or a fill change or the frame does at rest; while the canvas moves the
 * frame is kept and only the view's rectangle moves (a transform), and once it is still the frame
 * catches up with the view, as React Flow's would have. The run graph colours boxes by status
 * (StatusMiniMap), the editor with React Flow's node colour.
 */
export function CanvasMiniMap({
  boxes,
  signal,
  fills,
  className,
  children,
}: {
  boxes: readonly MiniMapBox[];
  signal: MovingSignal;
  fills: MiniMapFills;
  className?: string;
  /** Extra content of the panel (e.g. hidden colour probes). */
  children?: ReactNode;
}) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const panel = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const veil = useRef<HTMLDivElement>(null);
  const bounds = useMemo(() => boundsOf(boxes), [boxes]);
  // The frame drawn; pointer drags read it to turn minimap pixels into flow units.
  const frameRef = useRef<MinimapFrame | null>(null);

  useEffect(() => {
    const element = canvas.current;
    const view = veil.current;
    const host = panel.current;
    const context = element?.getContext('2d');
    if (!element || !view || !host || !context) return;
    let drawn: MinimapFrame | null = null;
    let frame = 0;

    const paint = (at: MinimapFrame) => {
      const ratio = window.devicePixelRatio || 1;
      const { width, height } = MINIMAP_SIZE;
      if (element.width !== Math.round(width * ratio)) element.width = Math.round(width * ratio);
      if (element.height !== Math.round(height * ratio)) element.height = Math.round(height * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, width, height);
      // One path per colour: a handful of fills for hundreds of boxes.
      const byColour = new Map<string, Rect[]>();
      for (const box of boxes) {
        const colour = fills.fillOf(box.id, host);
        let list = byColour.get(colour);
        if (!list) byColour.set(colour, (list = []));
        list.push(toMinimap(box, at));
      }
      const radius = BOX_RADIUS * at.scale;
      for (const [colour, rects] of byColour) {
        context.fillStyle = colour;
        context.beginPath();
        for (const r of rects) {
          // Crisp edges, as React Flow's shape-rendering: crispEdges: on whole device pixels.
          const x = Math.round(r.x * ratio) / ratio;
          const y = Math.round(r.y * ratio) / ratio;
          const w = Math.max(1 / ratio, Math.round((r.x + r.width) * ratio) / ratio - x);
          const h = Math.max(1 / ratio, Math.round((r.y + r.height) * ratio) / ratio - y);
          if (radius >= 0.5) context.roundRect(x, y, w, h, radius);
          else context.rect(x, y, w, h);
        }
        context.fill();
      }
      drawn = at;
      frameRef.current = at;
    };

    // The veil: a clear hole the size of the view, framed by a border wide enough to cover the
    // whole minimap wherever the hole is; moved by a transform, so a pan does not repaint it.
    let holeWidth = -1;
    let holeHeight = -1;
    const place = (at: MinimapFrame) => {
      const s = store.getState();
      const hole = toMinimap(visibleRect(viewportOf(s.transform), s), at);
      const w = Math.max(0, hole.width);
      const h = Math.max(0, hole.height);
      if (Math.abs(w - holeWidth) > 0.01 || Math.abs(h - holeHeight) > 0.01) {
        view.style.width = `${w}px`;
        view.style.height = `${h}px`;
        holeWidth = w;
        holeHeight = h;
      }
      view.style.transform = `translate(${hole.x - MINIMAP_SIZE.width}px, ${hole.y - MINIMAP_SIZE.height}px)`;
    };

    const update = (force = false) => {
      const s = store.getState();
      if (!s.width || !s.height) return;
      // While the canvas moves the frame stays put (its boxes are not redrawn); the view moves.
      const next = drawn && signal.get() ? drawn : minimapFrame(bounds, viewportOf(s.transform), s);
      if (force || !sameFrame(drawn, next)) paint(next);
      place(next);
    };
    // Statuses: one redraw per animation frame, however many boxes changed.
    const repaintSoon = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (drawn) paint(drawn);
      });
    };

    update(true);
    const offStore = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) update();
    });
    const offSignal = signal.subscribe(() => update());
    const offFills = fills.subscribe?.(repaintSoon);
    return () => {
      offStore();
      offSignal();
      offFills?.();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, signal, fills, boxes, bounds]);

  // Pannable (drag the view) and zoomable (wheel), as React Flow's MiniMap with pannable zoomable.
  useEffect(() => {
    const host = panel.current;
    if (!host) return;
    let last: { x: number; y: number } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      last = { x: e.clientX, y: e.clientY };
      host.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      const at = frameRef.current;
      if (!last || !at) return;
      const { x, y, zoom } = flow.getViewport();
      const dx = e.clientX - last.x;
      const dy = e.clientY - last.y;
      last = { x: e.clientX, y: e.clientY };
      // A minimap pixel is 1 / scale flow units, zoom screen pixels each.
      void flow.setViewport({ x: x - (dx / at.scale) * zoom, y: y - (dy / at.scale) * zoom, zoom });
    };
    const up = (e: PointerEvent) => {
      last = null;
      if (host.hasPointerCapture(e.pointerId)) host.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const delta = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002);
      void flow.zoomTo(flow.getZoom() * Math.pow(2, delta));
    };
    host.addEventListener('pointerdown', down);
    host.addEventListener('pointermove', move);
    host.addEventListener('pointerup', up);
    host.addEventListener('pointercancel', up);
    host.addEventListener('wheel', wheel, { passive: false });
    return () => {
      host.removeEventListener('pointerdown', down);
      host.removeEventListener('pointermove', move);
      host.removeEventListener('pointerup', up);
      host.removeEventListener('pointercancel', up);
      host.removeEventListener('wheel', wheel);
    };
  }, [flow]);

  return (
    <Panel
      ref={panel}
      position="bottom-right"
      className={`react-flow__minimap canvas-minimap${className ? ` ${className}` : ''}`}
      data-testid="rf__minimap"
      role="img"
      aria-label="Minimap"
    >
      <canvas ref={canvas} className="canvas-minimap__boxes" />
      <div ref={veil} className="canvas-minimap__veil" />
      {children}
    </Panel>
  );
}

function viewportOf(t: readonly [number, number, number]) {
  return { x: t[0], y: t[1], zoom: t[2] };
}
