/**
 * Quick tier (unit). Proves when canvases draw nodes simplified: by on-screen height, so the run
 * graph's 44 px boxes and the editor's 72 px nodes switch at the same legibility; and when a large
 * run graph leaves its edges out (zoomed out only).
 */
import { describe, expect, it } from 'vitest';
import {
  EDGE_DETAIL_MIN_EDGES,
  hidesEdges,
  isSimplifiedZoom,
  MIN_READABLE_NODE_PX,
} from '../../../src/renderer/src/components/run-graph/zoom-detail';

describe('isSimplifiedZoom', () => {
  it('simplifies once a node is drawn shorter than a readable line', () => {
    expect(MIN_READABLE_NODE_PX).toBe(20);
    expect(isSimplifiedZoom(1, 44)).toBe(false);
    expect(isSimplifiedZoom(0.46, 44)).toBe(false); // 20.2 px
    expect(isSimplifiedZoom(0.45, 44)).toBe(true); // 19.8 px
    expect(isSimplifiedZoom(0.3, 72)).toBe(false); // 21.6 px
    expect(isSimplifiedZoom(0.25, 72)).toBe(true); // 18 px
  });

  it('never simplifies on a zoom or size that is not positive (not measured yet)', () => {
    expect(isSimplifiedZoom(0, 44)).toBe(false);
    expect(isSimplifiedZoom(Number.NaN, 44)).toBe(false);
    expect(isSimplifiedZoom(0.1, 0)).toBe(false);
  });
});

describe('hidesEdges', () => {
  it('leaves edges out only of a large drawing while its nodes are simplified', () => {
    expect(EDGE_DETAIL_MIN_EDGES).toBe(1_000);
    expect(hidesEdges(0.1, 44, 5_000)).toBe(true);
    expect(hidesEdges(0.1, 44, 1_000)).toBe(false); // small graphs keep their edges at any zoom
    expect(hidesEdges(1, 44, 5_000)).toBe(false); // zoomed in: the visible edges are drawn
  });
});
