/**
 * Quick tier (unit). Proves the run graph's minimap is framed as React Flow's MiniMap frames its
 * SVG (the union of the nodes' bounds and the view, centred at the minimap's aspect, a margin of
 * 5 minimap px, fitted as a viewBox with xMidYMid meet), so the canvas minimap draws at rest what
 * React Flow's drew; that a view inside the nodes' bounds leaves the frame unchanged (a pan there
 * redraws no box); and that the dot grid's shift stays within half a period and lands the
 * pattern where an unshifted drawing at the new translation would be. Also the moving signal.
 */
import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  minimapFrame,
  periodicShift,
  sameFrame,
  toMinimap,
  visibleRect,
} from '../../../src/renderer/src/components/run-graph/minimap-geometry';
import { createMovingSignal } from '../../../src/renderer/src/components/run-graph/moving-signal';

const pane = { width: 900, height: 600 };

describe('minimap frame', () => {
  it('is React Flow’s viewBox, fitted and centred as an SVG draws it', () => {
    // Nodes 0..1000 × 0..500, the view 0..900 × 0..600 at zoom 1: the bounds are 1000 × 600.
    const at = minimapFrame({ x: 0, y: 0, width: 1000, height: 500 }, { x: 0, y: 0, zoom: 1 }, pane);
    // viewScale = max(1000 / 200, 600 / 150) = 5, so 1000 × 750 centred on the bounds, plus 25 around.
    expect(at.frame).toEqual({ x: -25, y: -100, width: 1050, height: 800 });
    // meet: 150 / 800 (the height binds), the width centred.
    expect(at.scale).toBeCloseTo(150 / 800, 12);
    expect(at.origin.y).toBeCloseTo(0, 12);
    expect(at.origin.x).toBeCloseTo((200 - 1050 * (150 / 800)) / 2, 12);
    // A node's corner and the view in minimap pixels.
    const node = toMinimap({ x: 0, y: 0, width: 184, height: 44 }, at);
    expect(node.x).toBeCloseTo(at.origin.x + 25 * at.scale, 9);
    expect(node.width).toBeCloseTo(184 * at.scale, 9);
    const hole = toMinimap(visibleRect({ x: 0, y: 0, zoom: 1 }, pane), at);
    expect(hole.x).toBeGreaterThanOrEqual(0);
    expect(hole.y).toBeGreaterThanOrEqual(0);
    expect(hole.x + hole.width).toBeLessThanOrEqual(200);
    expect(hole.y + hole.height).toBeLessThanOrEqual(150);
  });

  it('takes in a view that leaves the nodes, and only then changes', () => {
    const nodes = { x: 0, y: 0, width: 4000, height: 3000 };
    const inside = minimapFrame(nodes, { x: -500, y: -400, zoom: 1 }, pane);
    const stillInside = minimapFrame(nodes, { x: -900, y: -700, zoom: 1 }, pane);
    expect(sameFrame(inside, stillInside)).toBe(true);
    // Panned past the nodes' left edge: the frame grows to hold the view.
    const outside = minimapFrame(nodes, { x: 300, y: -400, zoom: 1 }, pane);
    expect(sameFrame(inside, outside)).toBe(false);
    expect(outside.frame.x).toBeLessThan(inside.frame.x);
    const hole = toMinimap(visibleRect({ x: 300, y: -400, zoom: 1 }, pane), outside);
    expect(hole.x).toBeGreaterThanOrEqual(0);
  });

  it('is the view alone without nodes', () => {
    const at = minimapFrame(null, { x: 0, y: 0, zoom: 2 }, pane);
    expect(at.frame.width).toBeGreaterThan(450);
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 5, y: 1, width: 10, height: 10 },
        { x: -5, y: 3, width: 1, height: 20 },
      ]),
    ).toEqual({ x: -5, y: 1, width: 20, height: 22 });
  });
});

describe('dot grid shift', () => {
  it('moves the pattern as far as the pan, modulo one period, within half a period', () => {
    const period = 24 * 0.7;
    for (const [from, to] of [
      [0, 5],
      [10, -400],
      [-3.5, 1234.25],
      [100, 100],
    ] as const) {
      const shift = periodicShift(from, to, period);
      expect(Math.abs(shift)).toBeLessThanOrEqual(period / 2 + 1e-9);
      // The pattern drawn at `from` and shifted is the pattern drawn at `to`: the same phase.
      const phase = (v: number) => ((v % period) + period) % period;
      const d = phase(from + shift) - phase(to);
      expect(Math.min(Math.abs(d), period - Math.abs(d))).toBeLessThan(1e-9);
    }
    expect(periodicShift(0, 10, 0)).toBe(0);
  });
});

describe('moving signal', () => {
  it('tells its listeners each change once, and no more after they leave', () => {
    const signal = createMovingSignal();
    const seen: boolean[] = [];
    const off = signal.subscribe((m) => seen.push(m));
    signal.set(true);
    signal.set(true);
    expect(signal.get()).toBe(true);
    signal.set(false);
    off();
    signal.set(true);
    expect(seen).toEqual([true, false]);
  });
});
