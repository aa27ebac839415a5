import { ViewportPortal, useStore, type Edge } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { edgesPath } from './edges-path';

/**
 * The edges of a zoomed-out canvas drawn as one SVG path under the nodes (render inside a
 * `<ReactFlow>` that was given no edges meanwhile). React Flow draws each edge as an SVG element
 * of its own: hundreds of paint chunks that the browser re-layerizes on every frame of a pan,
 * which made a zoomed-out pan of 500 nodes drop far below 50 fps. At that zoom an edge is a
 * hairline nobody clicks; zoomed in, React Flow's interactive edges come back.
 *
 * Recomputed when nodes or edges change, never on a viewport change.
 */
export const SimpleEdges = memo(function SimpleEdges({ edges }: { edges: readonly Edge[] }) {
  // React Flow updates its node lookup in place; the user node array is what changes with every
  // node change (a move, a measurement), so it is the dependency that recomputes the path.
  const nodes = useStore((s) => s.nodes);
  const nodeLookup = useStore((s) => s.nodeLookup);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `nodes` is the change signal (see above)
  const d = useMemo(() => edgesPath(edges, nodeLookup), [edges, nodes, nodeLookup]);
  return (
    <ViewportPortal>
      <svg className="simple-edges" aria-hidden="true" data-testid="simple-edges">
        <path d={d} />
      </svg>
    </ViewportPortal>
  );
});
