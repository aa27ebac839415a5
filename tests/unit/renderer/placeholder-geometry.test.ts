/**
 * Quick tier. Proves the run graph's canvas placeholder geometry: boxes are fitted into the graph
 * area centred with React Flow's fitView padding, capped at the maximum zoom, and degenerate input
 * gives the identity; every status maps to the CSS colour variables run-dashboard.css defines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKAGE_RUN_STATUSES } from '../../../src/core/run-status';
import {
  fitTransform,
  statusColourVars,
} from '../../../src/renderer/src/components/run-graph/placeholder-geometry';

const BOX = { width: 100, height: 40 };

describe('fitTransform', () => {
  it('fits a wide drawing to the width, centred vertically', () => {
    // Drawing spans x 0..1000, y 0..40.
    const t = fitTransform(
      [
        { x: 0, y: 0 },
        { x: 900, y: 0 },
      ],
      BOX,
      { width: 550, height: 400 },
      0.1,
    );
    expect(t.scale).toBeCloseTo(0.5); // 550 / 1.1 / 1000
    expect(t.x).toBeCloseTo(25); // (550 - 500) / 2: the padding split on both sides
    expect(0 * t.scale + t.y + (40 * t.scale) / 2).toBeCloseTo(200); // centre line of the area
  });

  it('fits a tall drawing to the height and honours an offset origin', () => {
    const t = fitTransform(
      [
        { x: 50, y: 100 },
        { x: 50, y: 1060 },
      ],
      BOX,
      { width: 800, height: 500 },
      0,
    );
    expect(t.scale).toBeCloseTo(0.5); // 500 / 1000
    expect(100 * t.scale + t.y).toBeCloseTo(0);
    expect(50 * t.scale + t.x + (100 * t.scale) / 2).toBeCloseTo(400);
  });

  it('never zooms in beyond the maximum', () => {
    expect(fitTransform([{ x: 0, y: 0 }], BOX, { width: 1000, height: 1000 }, 0, 2).scale).toBe(2);
  });

  it('gives the identity for nothing to draw or no area', () => {
    expect(fitTransform([], BOX, { width: 100, height: 100 })).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitTransform([{ x: 0, y: 0 }], BOX, { width: 0, height: 100 })).toEqual({ scale: 1, x: 0, y: 0 });
  });
});

describe('statusColourVars', () => {
  it('names a fill and a border variable defined in run-dashboard.css for every status', () => {
    const css = readFileSync('src/renderer/src/run-dashboard.css', 'utf8');
    for (const status of PACKAGE_RUN_STATUSES) {
      const { fill, border } = statusColourVars(status);
      expect(css).toContain(`${fill}:`);
      expect(css).toContain(`${border}:`);
    }
  });
});
