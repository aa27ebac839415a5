import {
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type Edge,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LayoutJob, LayoutResult } from '../../../../core/layout';

type LayoutPositions = LayoutResult['positions'];
import { DAGRE_MAX_NODES, cachedLayout, layoutKey, requestLayout } from '../../lib/layout-client';
import { NODE_BOX, relatedPackages, type RunGraphModel } from '../../lib/run-graph-model';
import { FlowDetail } from './flow-detail';
import { createNodeStateHub } from './node-state-hub';
import { NodeStateHubContext } from './use-node-state';
import { SimpleEdges } from './simple-edges';
import { hidesEdges, isSimplifiedZoom } from './zoom-detail';
import { useRunGraphStores } from './run-graph-context';
import { PlaceholderCanvas } from './placeholder-canvas';
import { fitTransform } from './placeholder-geometry';
import { PackageNode, type PackageNodeType } from './package-node';
import { DotGrid } from './dot-grid';
import { createMovingSignal } from './moving-signal';
import { StatusMiniMap, type MiniMapBox } from './status-minimap';

const NODE_TYPES = { package: PackageNode };
const NO_EDGES: Edge[] = [];

export interface RunGraphProps {
  model: RunGraphModel;
  /** Called with true once the interactive graph (not the placeholder) has been mounted; keep it stable. */
  onDrawn?: (drawn: boolean) => void;
}

/**
 * Which layout the graph shows: the instant placeholder, then from the Web Worker dagre's
 * (up to DAGRE_MAX_NODES packages) or the layered sweep layout (above); `layered-final` when the
 * worker failed and the placeholder stays.
 */
export type LayoutStage = 'placeholder' | 'dagre' | 'sweep' | 'layered-final';

/** The worker job for a run graph: dagre while it answers in time, else the layered sweeps. */
export function runGraphLayoutJob(model: RunGraphModel): LayoutJob {
  if (model.nodes.length <= DAGRE_MAX_NODES)
    return {
      kind: 'dagre',
      nodes: model.nodes,
      edges: model.edges,
      options: { reduce: false, direction: model.direction },
    };
  return {
    kind: 'sweep',
    layers: model.layers,
    edges: model.edges,
    box: NODE_BOX,
    options: { direction: model.direction },
  };
}

/**
 * The run's dependency graph: the engine's layered placeholder at once, the worker's layout when
 * it arrives (cached by graph hash); zoom, pan, minimap, fit. Nodes and edges change only when
 * the layout does; statuses reach nodes through the stores.
 */
export const RunGraph = memo(function RunGraph(props: RunGraphProps) {
  // Memoised: the run page re-renders on every delta and every second; the graph only when
  // its model does (statuses reach nodes and minimap boxes through the stores).
  const { run, ui } = useRunGraphStores();
  const hub = useMemo(() => createNodeStateHub(run, ui), [run, ui]);
  return (
    <NodeStateHubContext.Provider value={hub}>
      <ReactFlowProvider>
        <RunGraphCanvas {...props} />
      </ReactFlowProvider>
    </NodeStateHubContext.Provider>
  );
});

function RunGraphCanvas({ model, onDrawn }: RunGraphProps) {
  const { run, ui } = useRunGraphStores();
  const graphKey = useMemo(() => layoutKey(model.nodes, model.edges), [model]);
  const job = useMemo(() => runGraphLayoutJob(model), [model]);
  // No React Flow until a final layout exists: the placeholder is a canvas (PlaceholderCanvas),
  // so the graph's nodes are mounted once, at their final places, instead of twice.
  const [positions, setPositions] = useState<LayoutPositions | null>(
    () => cachedLayout(graphKey, job)?.positions ?? null,
  );
  const [stage, setStage] = useState<LayoutStage>(() =>
    cachedLayout(graphKey, job) ? job.kind : 'placeholder',
  );
  const flow = useReactFlow();
  // The graph area's size, to start React Flow at the fitted viewport: started at zoom 1 it
  // would mount (and measure) every edge of a large graph before fitView hides them.
  const container = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const element = container.current;
    if (element) setArea({ width: element.clientWidth, height: element.clientHeight });
  }, []);
  const defaultViewport = useMemo(() => {
    if (!positions || !area) return undefined;
    const t = fitTransform(Object.values(positions), NODE_BOX, area, 0.08, 2);
    return { x: t.x, y: t.y, zoom: Math.max(0.05, t.scale) };
  }, [positions, area]);
  // The store's zoom is 1 until React Flow has applied the default viewport (onInit): until then
  // the zoom it is about to apply decides, so a large graph's edges are never mounted for nothing.
  const [inited, setInited] = useState(false);
  // Booleans, not the zoom: a selector of the zoom re-rendered the whole canvas on every wheel frame.
  const storeSimple = useFlowStore((s) => isSimplifiedZoom(s.transform[2], NODE_BOX.height));
  const storeHides = useFlowStore((s) => hidesEdges(s.transform[2], NODE_BOX.height, model.edges.length));
  const simple =
    inited || !defaultViewport ? storeSimple : isSimplifiedZoom(defaultViewport.zoom, NODE_BOX.height);
  const hideEdges =
    inited || !defaultViewport
      ? storeHides
      : hidesEdges(defaultViewport.zoom, NODE_BOX.height, model.edges.length);
  const onInit = useCallback(() => setInited(true), []);
  const drawn = defaultViewport !== undefined;
  useEffect(() => onDrawn?.(drawn), [drawn, onDrawn]);

  useEffect(() => {
    if (stage !== 'placeholder') return;
    let stale = false;
    requestLayout(graphKey, job)
      .then(({ result }) => {
        if (stale) return;
        setPositions(result.positions);
        setStage(job.kind);
      })
      .catch(() => {
        // The worker failed (or is unavailable): the layered layout is a fine final layout.
        if (stale) return;
        setPositions(model.placeholder);
        setStage('layered-final');
      });
    return () => {
      stale = true;
    };
  }, [job, stage, graphKey, model]);

  // Fit once per layout.
  useEffect(() => {
    if (!positions) return;
    const timer = setTimeout(() => void flow.fitView({ padding: 0.08, duration: 0 }), 0);
    return () => clearTimeout(timer);
  }, [positions, flow]);

  const nodes = useMemo<PackageNodeType[]>(
    () =>
      (positions ? model.nodes : []).map((n) => ({
        id: n.id,
        type: 'package',
        position: positions?.[n.id] ?? { x: 0, y: 0 },
        data: { name: n.id, direction: model.direction },
        width: n.width,
        height: n.height,
        draggable: false,
        connectable: false,
      })),
    [model, positions],
  );
  // The minimap's boxes: the layout's, in flow units (what React Flow's MiniMap read from its store).
  const miniMapBoxes = useMemo<MiniMapBox[]>(
    () =>
      positions
        ? model.nodes.map((n) => ({
            id: n.id,
            ...(positions[n.id] ?? { x: 0, y: 0 }),
            width: n.width,
            height: n.height,
          }))
        : [],
    [model, positions],
  );
  // Moving or still, for the dot grid and the minimap (they freeze while the canvas moves).
  const moving = useMemo(() => createMovingSignal(), []);
  const edges = useMemo<Edge[]>(
    () =>
      model.edges.map((e) => ({
        id: `${e.source}>${e.target}`,
        source: e.source,
        target: e.target,
        focusable: false,
      })),
    [model],
  );

  // Focus: the hovered package's neighbourhood, else the selected one's (up to the chosen depth).
  // Stable handlers: new ones would make React Flow update its store on every render.
  const focusOn = useCallback(
    (name: string | null) =>
      ui.getState().set({ focus: name === null ? null : relatedPackages(model, name, ui.getState().depth) }),
    [model, ui],
  );
  const onNodeClick = useCallback<NodeMouseHandler>((_, node) => run.getState().select(node.id), [run]);
  // Not while a button is held (a pan dragged across nodes): each focus change restyles every
  // box, which made a pan over the graph drop to a few frames a second.
  const onNodeMouseEnter = useCallback<NodeMouseHandler>(
    (e, node) => {
      if (e.buttons === 0) focusOn(node.id);
    },
    [focusOn],
  );
  const onNodeMouseLeave = useCallback<NodeMouseHandler>(
    (e) => {
      if (e.buttons === 0) focusOn(run.getState().selected);
    },
    [focusOn, run],
  );
  const onPaneClick = useCallback(() => run.getState().select(null), [run]);
  const selected = useStore(run, (s) => s.selected);
  const depth = useStore(ui, (s) => s.depth);
  useEffect(() => {
    ui.getState().set({ focus: selected === null ? null : relatedPackages(model, selected, depth) });
  }, [selected, depth, model, ui]);

  return (
    <div
      ref={container}
      className="run-graph"
      data-testid="run-graph"
      data-layout={stage}
      data-edges={hideEdges ? 'hidden' : 'drawn'}
    >
      {positions && defaultViewport ? (
        <ReactFlow
          nodes={nodes}
          // Zoomed out the edges are one path (SimpleEdges), or none at all above 1,000 of them.
          edges={simple ? NO_EDGES : edges}
          nodeTypes={NODE_TYPES}
          onNodeClick={onNodeClick}
          onNodeMouseEnter={onNodeMouseEnter}
          onNodeMouseLeave={onNodeMouseLeave}
          onPaneClick={onPaneClick}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          // Zoomed in only what is in view is mounted; zoomed out (nearly all of it in view) the
          // set is kept, so a pan does not mount and unmount the boxes at the border every frame.
          onlyRenderVisibleElements={!simple}
          minZoom={0.05}
          maxZoom={2}
          defaultViewport={defaultViewport}
          onInit={onInit}
          proOptions={{ hideAttribution: true }}
        >
          <DotGrid gap={24} signal={moving} />
          <StatusMiniMap boxes={miniMapBoxes} signal={moving} />
          <Controls showInteractive={false} />
          <FlowDetail boxHeight={NODE_BOX.height} signal={moving} />
          {simple && !hideEdges ? <SimpleEdges edges={edges} /> : null}
        </ReactFlow>
      ) : (
        <PlaceholderCanvas model={model} />
      )}
    </div>
  );
}
