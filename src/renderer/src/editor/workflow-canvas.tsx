import {
  Controls,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type Edge,
  type NodeChange,
  type EdgeChange,
  type FinalConnectionState,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { NODE_KINDS, isNodeKind, type DefinitionNode } from '../../../core/definition';
import {
  checkConnection,
  NODE_SIZE,
  type ConnectionRequest,
  type WorkflowChange,
} from '../../../core/editor';
import { CanvasMiniMap, type MiniMapBox, type MiniMapFills } from '../components/run-graph/canvas-minimap';
import { DotGrid } from '../components/run-graph/dot-grid';
import { FlowDetail } from '../components/run-graph/flow-detail';
import { createMovingSignal } from '../components/run-graph/moving-signal';
import { SimpleEdges } from '../components/run-graph/simple-edges';
import { isSimplifiedZoom } from '../components/run-graph/zoom-detail';
import { useAppStore } from '../stores/store-context';
import { useEditor, useEditorStoreApi } from './editor-context';
import { NODE_KEYS_HELP, nodeAriaLabel } from './node-aria';
import { nodeSummary } from './node-summary';
import { PALETTE_MIME } from './palette-mime';
import { NodeView, type WorkflowFlowNode } from './node-view';

const nodeTypes = { workflow: NodeView };
const NO_EDGES: Edge[] = [];

/** React Flow's MiniMap node colour (its stylesheet's variable, light or dark). */
function minimapNodeColour(host: HTMLElement): string {
  const style = getComputedStyle(host);
  return (
    style.getPropertyValue('--xy-minimap-node-background-color').trim() ||
    style.getPropertyValue('--xy-minimap-node-background-color-default').trim() ||
    '#e2e2e2'
  );
}

/** One colour for every box, read from the stylesheet on the first draw (not once per box; the app has one theme). */
let editorMinimapFill: string | undefined;
const EDITOR_MINIMAP_FILLS: MiniMapFills = {
  fillOf: (_id, host) => (editorMinimapFill ??= minimapNodeColour(host)),
};

/** From this many nodes React Flow mounts only the nodes and edges in view (when zoomed in). */
const VISIBLE_ONLY_FROM_NODES = 200;

/** A React Flow connection as the editor's request; a condition's handle id is its branch. */
function toRequest(c: Connection | Edge): ConnectionRequest {
  const branch = c.sourceHandle === 'true' || c.sourceHandle === 'false' ? c.sourceHandle : undefined;
  return { source: c.source, target: c.target, ...(branch && { branch }) };
}

/**
 * The React Flow view of the open definition. It renders what the editor store holds and turns
 * React Flow's events into editor changes: a drag ends in one move step, a connection is checked
 * against the kinds' ports (refused with its reason), a palette drop adds a node where it falls.
 */
export function WorkflowCanvas() {
  const store = useEditorStoreApi();
  const actions = useEditor((s) => s.actions);
  const definition = useEditor((s) => s.history?.definition ?? null);
  const selection = useEditor((s) => s.selection);
  const diagnostics = useEditor((s) => s.diagnostics);
  const readOnly = useEditor((s) => s.readOnlyVersion !== null);
  const definitions = useAppStore((s) => s.definitions.items);
  const flow = useReactFlow();
  // Zoomed out (FlowDetail's flow--simple): edges as one path, every node kept mounted. A boolean
  // selector, so a pan or zoom re-renders this component only when the threshold is crossed.
  const simple = useFlowStore((s) => isSimplifiedZoom(s.transform[2], NODE_SIZE.height));
  // Positions while a drag is in progress (committed as one step when it ends) and measured sizes.
  const [dragging, setDragging] = useState<Map<string, { x: number; y: number }>>(new Map());
  const [measured, setMeasured] = useState<Map<string, { width: number; height: number }>>(new Map());

  const counts = useMemo(() => {
    const byNode = new Map<string, { errors: number; warnings: number }>();
    for (const d of diagnostics) {
      if (!d.nodeId) continue;
      const c = byNode.get(d.nodeId) ?? { errors: 0, warnings: 0 };
      if (d.severity === 'error') c.errors++;
      else c.warnings++;
      byNode.set(d.nodeId, c);
    }
    return byNode;
  }, [diagnostics]);

  // React Flow and the memoised node view skip work for node objects they saw before: an edit
  // rebuilds only the nodes whose definition node or display state changed (typing into one
  // field of a 500-node workflow re-renders one node, not 500).
  const [cache] = useState(() => new WeakMap<DefinitionNode, { key: string; node: WorkflowFlowNode }>());
  const nodes = useMemo<WorkflowFlowNode[]>(() => {
    if (!definition) return [];
    const names = new Map(definitions.map((d) => [d.id, d.name]));
    const selected = new Set(selection.nodes);
    return definition.nodes.map((node, i) => {
      const kind = NODE_KINDS[node.kind];
      const c = counts.get(node.id);
      const size = measured.get(node.id);
      const position = dragging.get(node.id) ?? node.position ?? { x: 0, y: i * 110 };
      const summary = nodeSummary(node, definition, (id) => names.get(id));
      const isSelected = selected.has(node.id);
      const key = [
        isSelected,
        c?.errors,
        c?.warnings,
        position.x,
        position.y,
        size?.width,
        size?.height,
        summary,
      ].join('|');
      const hit = cache.get(node);
      if (hit && hit.key === key) return hit.node;
      const flowNode: WorkflowFlowNode = {
        id: node.id,
        type: 'workflow',
        position,
        selected: isSelected,
        // The focusable wrapper's name (React Flow's): kind, title and problems, for screen readers.
        ariaLabel: nodeAriaLabel(kind.display.label, node.label ?? node.id, c),
        ...(size && { measured: size }),
        data: {
          title: node.label ?? node.id,
          kindLabel: kind.display.label,
          category: kind.display.category,
          summary,
          ports: kind.ports,
          errors: c?.errors ?? 0,
          warnings: c?.warnings ?? 0,
          variant: node.kind === 'dynamicLoop' ? 'dynamic-loop' : 'default',
        },
      };
      cache.set(node, { key, node: flowNode });
      return flowNode;
    });
  }, [definition, definitions, selection.nodes, counts, dragging, measured, cache]);

  // Moving or still, for the dot grid and the minimap (they freeze while the canvas moves).
  const moving = useMemo(() => createMovingSignal(), []);
  // The minimap's boxes, rebuilt only when a node's place or size changed (typing into a field
  // keeps them, so the minimap is not redrawn for it).
  const [boxesCache] = useState(() => ({ key: '', boxes: [] as MiniMapBox[] }));
  const miniMapBoxes = useMemo(() => {
    const boxes = nodes.map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? NODE_SIZE.width,
      height: n.measured?.height ?? NODE_SIZE.height,
    }));
    const key = boxes.map((b) => `${b.id}:${b.x},${b.y},${b.width},${b.height}`).join(';');
    if (key !== boxesCache.key) Object.assign(boxesCache, { key, boxes });
    return boxesCache.boxes;
  }, [nodes, boxesCache]);

  // Keyed by the edge list, not the definition: typing into a node's field keeps the edges, and
  // new edge objects would make React Flow re-render every edge on every keystroke.
  const definitionEdges = definition?.edges;
  const edges = useMemo<Edge[]>(() => {
    if (!definitionEdges) return [];
    const selected = new Set(selection.edges);
    return definitionEdges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.branch && { sourceHandle: e.branch, label: e.branch }),
      selected: selected.has(e.id),
      ariaLabel: `Edge from ${e.source} to ${e.target}${e.branch ? ` (${e.branch})` : ''}`,
    }));
  }, [definitionEdges, selection.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<WorkflowFlowNode>[]) => {
      let nextSelection: Set<string> | undefined;
      const moves: WorkflowChange[] = [];
      setDragging((current) => {
        let next = current;
        for (const change of changes) {
          if (change.type !== 'position') continue;
          if (change.dragging && change.position) {
            if (next === current) next = new Map(current);
            next.set(change.id, change.position);
          } else if (change.dragging === false) {
            const position = change.position ?? current.get(change.id);
            if (position)
              moves.push({
                type: 'moveNode',
                id: change.id,
                position: { x: Math.round(position.x), y: Math.round(position.y) },
              });
            if (next === current) next = new Map(current);
            next.delete(change.id);
          }
        }
        return next;
      });
      for (const change of changes) {
        if (change.type === 'select') {
          nextSelection ??= new Set(store.getState().selection.nodes);
          if (change.selected) nextSelection.add(change.id);
          else nextSelection.delete(change.id);
        } else if (change.type === 'dimensions' && change.dimensions) {
          const size = change.dimensions;
          setMeasured((m) => new Map(m).set(change.id, size));
        }
      }
      if (moves.length > 0)
        actions.apply(moves.length > 1 ? `Move ${moves.length} nodes` : 'Move node', moves);
      if (nextSelection) actions.select([...nextSelection], store.getState().selection.edges);
    },
    [actions, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        next ??= new Set(store.getState().selection.edges);
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      if (next) actions.select(store.getState().selection.nodes, [...next]);
    },
    [actions, store],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const def = store.getState().history?.definition;
      return def ? checkConnection(def, toRequest(c)).ok : false;
    },
    [store],
  );

  const onConnect = useCallback((c: Connection) => void actions.connect(toRequest(c)), [actions]);

  // A connection dropped on a node that refuses it: say why (React Flow only declines silently).
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || !state.fromNode || !state.toNode || !state.fromHandle) return;
      const fromSource = state.fromHandle.type === 'source';
      const request = toRequest({
        source: fromSource ? state.fromNode.id : state.toNode.id,
        target: fromSource ? state.toNode.id : state.fromNode.id,
        sourceHandle: fromSource ? (state.fromHandle.id ?? null) : (state.toHandle?.id ?? null),
        targetHandle: null,
      });
      const def = store.getState().history?.definition;
      const check = def ? checkConnection(def, request) : undefined;
      if (check && !check.ok) actions.setNotice(check.reason);
    },
    [actions, store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      actions.addNode(kind, { x: Math.round(p.x - 110), y: Math.round(p.y - 30) });
    },
    [actions, flow],
  );

  return (
    <div
      className="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow
        nodes={nodes}
        edges={simple ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        selectionKeyCode="Shift"
        fitView
        // Zoomed out nearly every node is in view: mounting and unmounting the few at the border
        // on every pan frame cost more than keeping them.
        onlyRenderVisibleElements={nodes.length >= VISIBLE_ONLY_FROM_NODES && !simple}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{ 'node.a11yDescription.default': NODE_KEYS_HELP }}
      >
        <DotGrid gap={20} signal={moving} />
        <CanvasMiniMap boxes={miniMapBoxes} signal={moving} fills={EDITOR_MINIMAP_FILLS} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <FlowDetail boxHeight={NODE_SIZE.height} signal={moving} />
        {simple ? <SimpleEdges edges={edges} /> : null}
      </ReactFlow>
    </div>
  );
}
