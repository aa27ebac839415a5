import { useOnViewportChange, useStore } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import './flow-detail.css';
import { createMovingState } from './moving-state';
import type { MovingSignal } from './moving-signal';
import { isSimplifiedZoom } from './zoom-detail';

/**
 * Render inside a `<ReactFlow>`: keeps its wrapper's classes, without re-rendering anything.
 * `flow--simple` while nodes are too small to read (their text is not painted); `flow--moving`
 * while the viewport moves (createMovingState decides when), which makes the viewport its own
 * compositor layer so that a pan moves pixels instead of repainting every node and edge (dropped
 * when the canvas is still, so zoomed text is painted sharp again); `flow--shielded` on top of it
 * when the pane itself is being moved, which lays a hit-test shield over the graph
 * (flow-detail.css) so that the browser does not search hundreds of nodes under the pointer on
 * every mouse move. `signal`, when given, follows the moving state for the parts drawn beside
 * React Flow that freeze while the canvas moves (DotGrid, StatusMiniMap).
 */
export function FlowDetail({ boxHeight, signal }: { boxHeight: number; signal?: MovingSignal }) {
  const wrapper = useStore((s) => s.domNode);
  const simple = useStore((s) => isSimplifiedZoom(s.transform[2], boxHeight));
  useEffect(() => {
    wrapper?.classList.toggle('flow--simple', simple);
  }, [wrapper, simple]);
  // One stable handler: React Flow keeps it in its store, and a new one per render would wake
  // every subscriber of that store.
  const moving = useMemo(
    () =>
      createMovingState({
        apply: ({ moving: on, shielded }) => {
          wrapper?.classList.toggle('flow--moving', on);
          wrapper?.classList.toggle('flow--shielded', shielded);
          signal?.set(on);
        },
      }),
    [wrapper, signal],
  );
  useEffect(() => {
    if (!wrapper) return;
    const view = wrapper.ownerDocument.defaultView ?? window;
    const down = (e: PointerEvent) => moving.pressed(isOnGraphElement(e.target));
    const up = () => moving.released();
    wrapper.addEventListener('pointerdown', down, true);
    view.addEventListener('pointerup', up, true);
    view.addEventListener('pointercancel', up, true);
    return () => {
      wrapper.removeEventListener('pointerdown', down, true);
      view.removeEventListener('pointerup', up, true);
      view.removeEventListener('pointercancel', up, true);
      moving.dispose();
    };
  }, [wrapper, moving]);
  useOnViewportChange({ onChange: moving.changed });
  return null;
}

/** A press on a node, a handle or an edge drags that element: the viewport moves only by auto-pan. */
function isOnGraphElement(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest(
      '.react-flow__node, .react-flow__handle, .react-flow__edge, .react-flow__nodesselection',
    ) !== null
  );
}
