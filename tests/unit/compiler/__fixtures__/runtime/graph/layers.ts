import type { CompiledGraph } from './csr';

/**
 * Longest-path layering: layer 0 holds the packages without dependencies, and every other package
 * sits one layer below its deepest dependency. O(V + E) over a topological order. Used for display
 * (each layer can run in parallel once the previous ones are done).
 */
export function layerIndices(g: CompiledGraph, order: Int32Array): Int32Array {
  const { depStart, deps } = g;
  const layer = new Int32Array(g.n);
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    let best = 0;
    for (let i = depStart[v]!, end = depStart[v + 1]!; i < end; i++) {
      const l = layer[deps[i]!]! + 1;
      if (l > best) best = l;
    }
    layer[v] = best;
  }
  return layer;
}

/** Groups package ids by layer; each layer lists its packages in insertion order. */
export function groupLayers(g: CompiledGraph, layer: Int32Array): string[][] {
  const layers: string[][] = [];
  for (let v = 0; v < g.n; v++) {
    const l = layer[v]!;
    while (layers.length <= l) layers.push([]);
    layers[l]!.push(g.names[v]!);
  }
  return layers;
}
