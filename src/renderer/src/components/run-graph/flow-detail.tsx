import { useOnViewportChange, useStore } from '@xyflow/react';
import { useEffect } from 'react';
import './flow-detail.css';
import { isSimplifiedZoom } from './zoom-detail';

/**
 * Render inside a `<ReactFlow>`: keeps two classes on its wrapper, without re-rendering anything.
 * `flow--simple` while nodes are too small to read (their text is not painted); `flow--moving`
 * during a pan or zoom gesture, which makes the viewport its own compositor layer so that a pan
 * moves pixels instead of repainting every node and edge (dropped at the end, so zoomed text is
 * painted sharp again).
 */
export function FlowDetail({ boxHeight }: { boxHeight: number }) {
  const wrapper = useStore((s) => s.domNode);
  const simple = useStore((s) => isSimplifiedZoom(s.transform[2], boxHeight));
  useEffect(() => {
    wrapper?.classList.toggle('flow--simple', simple);
  }, [wrapper, simple]);
  useOnViewportChange({
    onStart: () => wrapper?.classList.add('flow--moving'),
    onEnd: () => wrapper?.classList.remove('flow--moving'),
  });
  return null;
}
