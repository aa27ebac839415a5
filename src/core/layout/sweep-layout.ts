import type { LayoutDirection, LayoutResult } from './layout-graph';
import type { LayoutEdge } from './transitive-reduction';

/**
 * A layered layout for graphs too large for dagre in time (it takes seconds at 500 packages):
 * the graph engine's longest-path layers, the order inside each layer improved by barycenter
 * sweeps (nodes move towards their neighbours, so edges cross less), then each layer's boxes
 * placed as near their neighbours' mean as their order and spacing allow (an order-preserving
 * least-squares fit, solved exactly by pool-adjacent-violators). No dummy nodes for long edges,
 * which is what keeps it at O(sweeps · (V + E)) — milliseconds for 2,000 packages.
 */

export interface SweepLayoutOptions {
  direction?: LayoutDirection;
  /** Gap between layers, px. @default 80 */
  rankSep?: number;
  /** Gap between boxes of one layer, px. @default 16 */
  nodeSep?: number;
  /** Ordering sweeps (down and up alternately, the last one down). @default 8 */
  sweeps?: number;
  /** Coordinate passes (down and up alternately). @default 4 */
  passes?: number;
}

/** Positions (top-left corners) of the layered layout with crossing reduction. */
export function sweepLayout(
  layers: readonly (readonly string[])[],
  edges: readonly LayoutEdge[],
  box: { width: number; height: number },
  options: SweepLayoutOptions = {},
): Pick<LayoutResult, 'positions' | 'width' | 'height'> {
  const lr = (options.direction ?? 'LR') === 'LR';
  const rankSep = options.rankSep ?? 80;
  const nodeSep = options.nodeSep ?? 16;
  const step = (lr ? box.height : box.width) + nodeSep;
  const rankStep = (lr ? box.width : box.height) + rankSep;

  const order = layers.map((layer) => [...layer]);
  const layerOf = new Map<string, number>();
  order.forEach((layer, i) => layer.forEach((id) => layerOf.set(id, i)));
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const e of edges) {
    const ls = layerOf.get(e.source);
    const lt = layerOf.get(e.target);
    if (ls === undefined || lt === undefined || ls === lt) continue;
    // Orient every edge from the lower layer to the higher one.
    const [lo, hi] = ls < lt ? [e.source, e.target] : [e.target, e.source];
    (succs.get(lo) ?? succs.set(lo, []).get(lo)!).push(hi);
    (preds.get(hi) ?? preds.set(hi, []).get(hi)!).push(lo);
  }

  // Relative place of a node in its layer, 0…1: layers of different sizes compare by it.
  const rel = new Map<string, number>();
  const setRel = (layer: readonly string[]) =>
    layer.forEach((id, j) => rel.set(id, layer.length > 1 ? j / (layer.length - 1) : 0.5));
  order.forEach(setRel);
  const sortLayer = (i: number, neighbours: Map<string, string[]>) => {
    const layer = order[i]!;
    const key = new Map<string, number>();
    for (const id of layer) {
      const ns = neighbours.get(id);
      key.set(id, ns && ns.length > 0 ? ns.reduce((s, n) => s + rel.get(n)!, 0) / ns.length : rel.get(id)!);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)!); // stable: ties keep their order
    setRel(layer);
  };
  const sweeps = Math.max(1, options.sweeps ?? 8);
  for (let s = 0; s < sweeps; s++) {
    const down = (sweeps - s) % 2 === 1; // the last sweep goes down
    if (down) for (let i = 1; i < order.length; i++) sortLayer(i, preds);
    else for (let i = order.length - 2; i >= 0; i--) sortLayer(i, succs);
  }

  // Along-layer coordinates: start centred, then pull each layer towards its neighbours.
  const widest = Math.max(0, ...order.map((l) => l.length));
  const along = new Map<string, number>();
  for (const layer of order) {
    const offset = ((widest - layer.length) * step) / 2;
    layer.forEach((id, j) => along.set(id, offset + j * step));
  }
  const place = (i: number, neighbours: Map<string, string[]>) => {
    const layer = order[i]!;
    const desired = layer.map((id) => {
      const ns = neighbours.get(id);
      return ns && ns.length > 0 ? ns.reduce((s, n) => s + along.get(n)!, 0) / ns.length : along.get(id)!;
    });
    fitInOrder(desired, step).forEach((x, j) => along.set(layer[j]!, x));
  };
  const passes = Math.max(0, options.passes ?? 4);
  for (let p = 0; p < passes; p++) {
    if (p % 2 === 0) for (let i = 1; i < order.length; i++) place(i, preds);
    else for (let i = order.length - 2; i >= 0; i--) place(i, succs);
  }

  let min = Infinity;
  let max = -Infinity;
  for (const x of along.values()) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  if (!Number.isFinite(min)) min = max = 0;
  const positions: LayoutResult['positions'] = {};
  order.forEach((layer, i) =>
    layer.forEach((id) => {
      const a = along.get(id)! - min;
      positions[id] = lr ? { x: i * rankStep, y: a } : { x: a, y: i * rankStep };
    }),
  );
  const span = order.length === 0 ? 0 : max - min + step - nodeSep;
  const depth = Math.max(0, order.length * rankStep - rankSep);
  return { positions, width: lr ? depth : span, height: lr ? span : depth };
}

/**
 * The coordinates x closest to `desired` (least squares) with x[j+1] ≥ x[j] + gap: with
 * y[j] = x[j] − j·gap it is isotonic regression of desired[j] − j·gap, which
 * pool-adjacent-violators solves exactly in O(n).
 */
export function fitInOrder(desired: readonly number[], gap: number): number[] {
  const sums: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j < desired.length; j++) {
    sums.push(desired[j]! - j * gap);
    counts.push(1);
    // Merge blocks while the last one's mean is below the previous one's.
    while (sums.length > 1) {
      const k = sums.length - 1;
      if (sums[k - 1]! / counts[k - 1]! <= sums[k]! / counts[k]!) break;
      sums[k - 1]! += sums.pop()!;
      counts[k - 1]! += counts.pop()!;
    }
  }
  const out: number[] = [];
  for (let b = 0; b < sums.length; b++) {
    const mean = sums[b]! / counts[b]!;
    for (let c = 0; c < counts[b]!; c++) out.push(mean + out.length * gap);
  }
  return out;
}

/** Number of crossings between consecutive layers (edges spanning more layers are not counted). */
export function adjacentCrossings(
  positions: Readonly<Record<string, { x: number; y: number }>>,
  layers: readonly (readonly string[])[],
  edges: readonly LayoutEdge[],
  direction: LayoutDirection = 'LR',
): number {
  const layerOf = new Map<string, number>();
  layers.forEach((layer, i) => layer.forEach((id) => layerOf.set(id, i)));
  const coord = (id: string) => (direction === 'LR' ? positions[id]!.y : positions[id]!.x);
  const byLayer = new Map<number, Array<[number, number]>>();
  for (const e of edges) {
    const ls = layerOf.get(e.source);
    const lt = layerOf.get(e.target);
    if (ls === undefined || lt === undefined || Math.abs(ls - lt) !== 1) continue;
    const [lo, hi] = ls < lt ? [e.source, e.target] : [e.target, e.source];
    const list = byLayer.get(Math.min(ls, lt)) ?? byLayer.set(Math.min(ls, lt), []).get(Math.min(ls, lt))!;
    list.push([coord(lo), coord(hi)]);
  }
  let crossings = 0;
  for (const list of byLayer.values())
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const [a0, a1] = list[a]!;
        const [b0, b1] = list[b]!;
        if ((a0 - b0) * (a1 - b1) < 0) crossings++;
      }
  return crossings;
}
