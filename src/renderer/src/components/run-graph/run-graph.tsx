import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { DAGRE_MAX_NODES, cachedLayout, layoutKey, requestLayout } from '../../lib/layout-client';
import { relatedPackages, statusOf, type RunGraphModel } from '../../lib/run-graph-model';
import { useRunGraphStores } from './run-graph-context';
import { PackageNode, type PackageNodeType } from './package-node';

const NODE_TYPES = { package: PackageNode };

export interface RunGraphProps {
  model: RunGraphModel;
}

/** Which layout the graph shows: the instant placeholder, or dagre's from the worker. */
export type LayoutStage = 'placeholder' | 'dagre' | 'layered-final';

/**
 * The run's dependency graph: the engine's layered placeholder at once, dagre's layout from the
 * Web Worker when it arrives (cached by graph hash); zoom, pan, minimap, fit. Nodes and edges
 * change only when the layout does; statuses reach nodes through the stores.
 */
export function RunGraph(props: RunGraphProps) {
  return (
    <ReactFlowProvider>
      <RunGraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function RunGraphCanvas({ model }: RunGraphProps) {
  const { run, ui } = useRunGraphStores();
  const key = useMemo(() => `${layoutKey(model.nodes, model.edges)}-${model.direction}`, [model]);
  const tooBig = model.nodes.length > DAGRE_MAX_NODES;
  const [positions, setPositions] = useState(() => cachedLayout(key)?.positions ?? model.placeholder);
  const [stage, setStage] = useState<LayoutStage>(() =>
    cachedLayout(key) ? 'dagre' : tooBig ? 'layered-final' : 'placeholder',
  );
  const flow = useReactFlow();

  useEffect(() => {
    if (stage !== 'placeholder') return;
    let stale = false;
    requestLayout(key, model.nodes, model.edges, { reduce: false, direction: model.direction })
      .then((result) => {
        if (stale) return;
        setPositions(result.positions);
        setStage('dagre');
      })
      .catch(() => {
        // The worker failed (or is unavailable): the layered layout is a fine final layout.
        if (!stale) setStage('layered-final');
      });
    return () => {
      stale = true;
    };
  }, [model, stage, key]);

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
  const focusOn = (name: string | null) =>
    ui.getState().set({ focus: name === null ? null : relatedPackages(model, name, ui.getState().depth) });
  const onNodeClick: NodeMouseHandler = (_, node) => run.getState().select(node.id);
  const onNodeMouseEnter: NodeMouseHandler = (_, node) => focusOn(node.id);
  const onNodeMouseLeave: NodeMouseHandler = () => focusOn(run.getState().selected);
  const selected = useStore(run, (s) => s.selected);
  const depth = useStore(ui, (s) => s.depth);
  useEffect(() => {
    ui.getState().set({ focus: selected === null ? null : relatedPackages(model, selected, depth) });
  }, [selected, depth, model, ui]);

  return (
    <div className="run-graph" data-testid="run-graph" data-layout={stage}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={onNodeClick}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        onPaneClick={() => run.getState().select(null)}
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
        <MiniMap
          pannable
          zoomable
          nodeClassName={(node) => `minimap-node status--${statusOf(run.getState().view, node.id)}`}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
