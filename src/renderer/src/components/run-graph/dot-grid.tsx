import { useStoreApi } from '@xyflow/react';
import { useEffect, useId, useRef } from 'react';
import { periodicShift } from './minimap-geometry';
import type { MovingSignal } from './moving-signal';

/** How far the grid reaches past the pane on every side: room to shift it by up to half a period. */
const MARGIN_PX = 64;

/**
 * React Flow's dotted background (`<Background variant="dots">`, same pattern, colour and class
 * names), drawn so that a pan does not repaint it. React Flow's moves its pattern's origin on every
 * viewport change, and the browser then repaints and re-rasterises the whole pane each frame (in
 * the run page's pan trace, most of the raster work). Here the grid is its own compositor layer,
 * a little larger than the pane: while the canvas moves at one zoom it is only shifted, by the
 * pan modulo one period (the pattern repeats), which the compositor does without painting; a zoom
 * redraws it, and once the canvas is still it is drawn exactly where React Flow's would be, unshifted.
 * Render inside a `<ReactFlow>`; updates go to the DOM directly, never through a React render.
 */
export function DotGrid({ gap, size = 1, signal }: { gap: number; size?: number; signal: MovingSignal }) {
  const store = useStoreApi();
  const patternId = `dot-grid-${useId()}`;
  const svg = useRef<SVGSVGElement>(null);
  const pattern = useRef<SVGPatternElement>(null);
  const dot = useRef<SVGCircleElement>(null);

  useEffect(() => {
    const layer = svg.current;
    const tile = pattern.current;
    const circle = dot.current;
    if (!layer || !tile || !circle) return;
    // The transform the pattern was last drawn for.
    let drawn: readonly [number, number, number] | null = null;
    const draw = (t: readonly [number, number, number]) => {
      const [x, y, zoom] = t;
      const period = gap * zoom || 1;
      const radius = (size * zoom) / 2;
      // React Flow's pattern, moved by the margin the layer reaches past the pane's corner.
      tile.setAttribute('x', String((x + MARGIN_PX) % period));
      tile.setAttribute('y', String((y + MARGIN_PX) % period));
      tile.setAttribute('width', String(period));
      tile.setAttribute('height', String(period));
      tile.setAttribute('patternTransform', `translate(-${period / 2},-${period / 2})`);
      circle.setAttribute('cx', String(radius));
      circle.setAttribute('cy', String(radius));
      circle.setAttribute('r', String(radius));
      layer.style.transform = '';
      drawn = t;
    };
    const follow = () => {
      const t = store.getState().transform;
      if (!drawn || !signal.get() || t[2] !== drawn[2]) return draw(t);
      const period = gap * t[2];
      const dx = periodicShift(drawn[0], t[0], period);
      const dy = periodicShift(drawn[1], t[1], period);
      layer.style.transform = `translate(${dx}px, ${dy}px)`;
    };
    follow();
    const offStore = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) follow();
    });
    // Still again: drawn exactly (no layer offset, which the compositor may resample).
    const offSignal = signal.subscribe((moving) => {
      if (!moving) draw(store.getState().transform);
    });
    return () => {
      offStore();
      offSignal();
    };
  }, [store, signal, gap, size]);

  return (
    <svg
      ref={svg}
      className="react-flow__background dot-grid"
      style={{
        left: -MARGIN_PX,
        top: -MARGIN_PX,
        width: `calc(100% + ${2 * MARGIN_PX}px)`,
        height: `calc(100% + ${2 * MARGIN_PX}px)`,
      }}
      data-testid="dot-grid"
      aria-hidden="true"
    >
      <pattern id={patternId} ref={pattern} patternUnits="userSpaceOnUse">
        <circle ref={dot} className="react-flow__background-pattern dots" />
      </pattern>
      <rect x="0" y="0" width="100%" height="100%" fill={`url(#${patternId})`} />
    </svg>
  );
}
