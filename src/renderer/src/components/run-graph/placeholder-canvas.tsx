import { useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { PACKAGE_RUN_STATUSES, type PackageRunStatus } from '../../../../core/run-status';
import { NODE_BOX, statusOf, type RunGraphModel } from '../../lib/run-graph-model';
import { fitTransform, statusColourVars } from './placeholder-geometry';
import { useRunGraphStores } from './run-graph-context';
import { isSimplifiedZoom } from './zoom-detail';

type Palette = Record<PackageRunStatus, { fill: string; border: string }>;

function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (v: string, fallback: string) => style.getPropertyValue(v).trim() || fallback;
  const palette = {} as Palette;
  for (const status of PACKAGE_RUN_STATUSES) {
    const vars = statusColourVars(status);
    palette[status] = { fill: read(vars.fill, '#eef0f4'), border: read(vars.border, '#c3c9d4') };
  }
  return palette;
}

/**
 * The run graph while its layout is computed: the engine's layered placeholder as coloured boxes
 * and straight edges on one canvas (see placeholder-geometry.ts for why not React Flow). Redrawn
 * when a status changes, which costs a few milliseconds even at 2,000 packages.
 */
export function PlaceholderCanvas({ model }: { model: RunGraphModel }) {
  const { run } = useRunGraphStores();
  const view = useStore(run, (s) => s.view);
  const canvas = useRef<HTMLCanvasElement>(null);

  useLayoutEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const area = { width: element.clientWidth, height: element.clientHeight };
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(area.width * ratio);
    element.height = Math.round(area.height * ratio);
    const positions = model.placeholder;
    const t = fitTransform(Object.values(positions), NODE_BOX, area);
    context.setTransform(ratio * t.scale, 0, 0, ratio * t.scale, ratio * t.x, ratio * t.y);
    context.lineWidth = 1 / t.scale;

    const horizontal = model.direction === 'LR';
    context.strokeStyle = 'rgba(120, 128, 145, 0.35)';
    context.beginPath();
    for (const { source, target } of model.edges) {
      const a = positions[source];
      const b = positions[target];
      if (!a || !b) continue;
      if (horizontal) {
        context.moveTo(a.x + NODE_BOX.width, a.y + NODE_BOX.height / 2);
        context.lineTo(b.x, b.y + NODE_BOX.height / 2);
      } else {
        context.moveTo(a.x + NODE_BOX.width / 2, a.y + NODE_BOX.height);
        context.lineTo(b.x + NODE_BOX.width / 2, b.y);
      }
    }
    context.stroke();

    const palette = readPalette(element);
    context.lineWidth = 1.5 / Math.max(t.scale, 0.5);
    for (const { id } of model.nodes) {
      const p = positions[id];
      if (!p) continue;
      const colours = palette[statusOf(view, id)];
      context.fillStyle = colours.fill;
      context.strokeStyle = colours.border;
      context.fillRect(p.x, p.y, NODE_BOX.width, NODE_BOX.height);
      context.strokeRect(p.x, p.y, NODE_BOX.width, NODE_BOX.height);
    }
    // Names only where they can be read (as the React Flow nodes' own level of detail).
    if (!isSimplifiedZoom(t.scale, NODE_BOX.height)) {
      context.fillStyle = getComputedStyle(element).color || '#1f2430';
      context.font = '600 12px system-ui, sans-serif';
      context.textBaseline = 'middle';
      for (const { id } of model.nodes) {
        const p = positions[id];
        if (p) context.fillText(id, p.x + 10, p.y + NODE_BOX.height / 2, NODE_BOX.width - 20);
      }
    }
  }, [model, view]);

  return (
    <canvas
      ref={canvas}
      className="run-graph__placeholder"
      data-testid="run-graph-placeholder"
      role="img"
      aria-label={`Laying out ${model.nodes.length} packages…`}
    />
  );
}
