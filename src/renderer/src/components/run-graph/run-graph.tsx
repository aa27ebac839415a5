import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type Edge,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { LayoutJob } from '../../../../core/layout';
import { DAGRE_MAX_NODES, cachedLayout, layoutKey, requestLayout } from '../../lib/layout-client';
import { NODE_BOX, relatedPackages, type RunGraphModel } from '../../lib/run-graph-model';
import { FlowDetail } from './flow-detail';
import { createNodeStateHub } from './node-state-hub';
import { NodeStateHubContext } from './use-node-state';
import { hidesEdges } from './zoom-detail';
import { useRunGraphStores } from './run-graph-context';
import { PackageNode, type PackageNodeType } from './package-node';
import { StatusMiniMapNode } from './status-minimap-node';

const NODE_TYPES = { package: PackageNode };
const NO_EDGES: Edge[] = [];

export interface RunGraphProps {
  model: RunGraphModel;
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

function RunGraphCanvas({ model }: RunGraphProps) {
  const { run, ui } = useRunGraphStores();
  const graphKey = useMemo(() => layoutKey(model.nodes, model.edges), [model]);
  const job = useMemo(() => runGraphLayoutJob(model), [model]);
  const [positions, setPositions] = useState(
    () => cachedLayout(graphKey, job)?.positions ?? model.placeholder,
  );
  const [stage, setStage] = useState<LayoutStage>(() =>
    cachedLayout(graphKey, job) ? job.kind : 'placeholder',
  );
  const flow = useReactFlow();
  const hideEdges = useFlowStore((s) => hidesEdges(s.transform[2], NODE_BOX.height, model.edges.length));

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
        if (!stale) setStage('layered-final');
      });
    return () => {
      stale = true;
    };
  }, [job, stage, graphKey]);

  // Fit once per layout.
  useEffect(() => {
    const timer = setTimeout(() => void flow.fitView({ padding: 0.08, duration: 0 }), 0);
    return () => clearTimeout(timer);
  }, [positions, flow]);

  const nodes = useMemo<PackageNodeType[]>(
    () =>
      model.nodes.map((n) => ({
        id: n.id,
        type: 'package',
        position: positions[n.id] ?? { x: 0, y: 0 },
        data: { name: n.id, direction: model.direction },
        width: n.width,
        height: n.height,
        draggable: false,
        connectable: false,
      })),
    [model, positions],
  );
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
  const onNodeMouseEnter = useCallback<NodeMouseHandler>((_, node) => focusOn(node.id), [focusOn]);
  const onNodeMouseLeave = useCallback<NodeMouseHandler>(
    () => focusOn(run.getState().selected),
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
      className="run-graph"
      data-testid="run-graph"
      data-layout={stage}
      data-edges={hideEdges ? 'hidden' : 'drawn'}
    >
      <ReactFlow
        nodes={nodes}
        edges={hideEdges ? NO_EDGES : edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={onNodeClick}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeComponent={StatusMiniMapNode} />
        <Controls showInteractive={false} />
        <FlowDetail boxHeight={NODE_BOX.height} />
      </ReactFlow>
    </div>
  );
}
