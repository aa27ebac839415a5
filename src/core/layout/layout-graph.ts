import dagre from '@dagrejs/dagre';
import { transitiveReduction, type LayoutEdge } from './transitive-reduction';

/**
 * Layouts of a run's package graph, as pure functions (the renderer's Web Worker calls them; tests
 * and a fallback call them inline): dagre's layered layout, and an instant placeholder built from
 * longest-path layers. Dependencies sit left of the packages that need them (rankdir LR).
 */

/** A box to place. */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

/** Which ranker dagre uses: `network-simplex` (its default), `tight-tree` or `longest-path`. */
export type LayoutRanker = 'network-simplex' | 'tight-tree' | 'longest-path';

/** Where dependencies sit: left of their dependents (LR) or above them (TB). */
export type LayoutDirection = 'LR' | 'TB';

export interface LayoutOptions {
  /** @default 'LR' */
  direction?: LayoutDirection;
  /** @default 'longest-path' (see docs/architecture/run-dashboard.md for the measurements) */
  ranker?: LayoutRanker;
  /** Remove transitive edges before the layout. @default true */
  reduce?: boolean;
  /** Gap between layers, px. @default 80 */
  rankSep?: number;
  /** Gap between boxes of one layer, px. @default 16 */
  nodeSep?: number;
}

/** Top-left corners of the boxes, the edges to draw, and the size of the whole drawing. */
export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
  /** The edges drawn: the transitive reduction unless `reduce` is false. */
  edges: LayoutEdge[];
  width: number;
  height: number;
}

/** dagre's layout (synchronous; seconds at thousands of nodes, so: in a worker). */
export function layoutGraph(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): LayoutResult {
  const drawn =
    options.reduce === false
      ? [...edges]
      : transitiveReduction(
          nodes.map((n) => n.id),
          edges,
        );
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: options.direction ?? 'LR',
    ranker: options.ranker ?? 'longest-path',
    ranksep: options.rankSep ?? 80,
    nodesep: options.nodeSep ?? 16,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of drawn) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  let width = 0;
  let height = 0;
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number };
    // dagre gives centres; the canvas wants top-left corners.
    const x = p.x - n.width / 2;
    const y = p.y - n.height / 2;
    positions[n.id] = { x, y };
    width = Math.max(width, x + n.width);
    height = Math.max(height, y + n.height);
  }
  return { positions, edges: drawn, width, height };
}

/**
 * The placeholder (and, above the size dagre serves in time, the layout): one column per
 * longest-path layer, packages stacked in each. `layers` comes from the graph engine's
 * `DependencyGraph.layers()`. O(V), no crossing reduction.
 */
export function layeredLayout(
  layers: readonly (readonly string[])[],
  box: { width: number; height: number },
  options: Pick<LayoutOptions, 'rankSep' | 'nodeSep' | 'direction'> = {},
): Pick<LayoutResult, 'positions' | 'width' | 'height'> {
  const rankSep = options.rankSep ?? 80;
  const nodeSep = options.nodeSep ?? 16;
  const lr = (options.direction ?? 'LR') === 'LR';
  // Along a layer boxes follow each other by their height (LR) or width (TB).
  const step = (lr ? box.height : box.width) + nodeSep;
  const rankStep = (lr ? box.width : box.height) + rankSep;
  const widest = Math.max(0, ...layers.map((l) => l.length));
  const span = widest * step - nodeSep;
  const positions: LayoutResult['positions'] = {};
  layers.forEach((layer, i) => {
    // Centre each layer, as dagre does, so the swap to dagre's layout moves little.
    const offset = (span - (layer.length * step - nodeSep)) / 2;
    layer.forEach((id, j) => {
      const along = offset + j * step;
      positions[id] = lr ? { x: i * rankStep, y: along } : { x: along, y: i * rankStep };
    });
  });
  const depth = layers.length * rankStep - rankSep;
  return { positions, width: Math.max(0, lr ? depth : span), height: Math.max(0, lr ? span : depth) };
}

/**
 * The direction whose drawing fits a viewport of `aspect` (width / height) at the larger zoom:
 * deep, narrow graphs (the demo's 9 layers of ≤ 4) read top to bottom, wide ones left to right.
 */
export function chooseDirection(
  layers: readonly (readonly string[])[],
  box: { width: number; height: number },
  aspect: number,
  options: Pick<LayoutOptions, 'rankSep' | 'nodeSep'> = {},
): LayoutDirection {
  const fit = (direction: LayoutDirection): number => {
    const { width, height } = layeredLayout(layers, box, { ...options, direction });
    return Math.min(aspect / Math.max(1, width), 1 / Math.max(1, height));
  };
  return fit('TB') > fit('LR') ? 'TB' : 'LR';
}

/** A short stable hash of a graph (FNV-1a over its sorted nodes and edges): the layout cache key. */
export function graphHash(nodes: readonly string[], edges: readonly LayoutEdge[]): string {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const n of [...nodes].sort()) feed(n);
  for (const e of edges.map((x) => `${x.source}>${x.target}`).sort()) feed(e);
  return `${nodes.length}-${edges.length}-${h.toString(36)}`;
}
