import { useContext, useMemo } from 'react';
import { PACKAGE_RUN_STATUSES, type PackageRunStatus } from '../../../../core/run-status';
import { CanvasMiniMap, type MiniMapBox, type MiniMapFills } from './canvas-minimap';
import type { MovingSignal } from './moving-signal';
import { NodeStateHubContext } from './use-node-state';

export type { MiniMapBox } from './canvas-minimap';

/**
 * The run graph's minimap: each package's box in its status colour (the colour its node's border
 * has in the stylesheet), redrawn once per animation frame in which statuses changed.
 */
export function StatusMiniMap({ boxes, signal }: { boxes: readonly MiniMapBox[]; signal: MovingSignal }) {
  const hub = useContext(NodeStateHubContext);
  if (!hub) throw new Error('StatusMiniMap must be used inside a RunGraph');
  const fills = useMemo<MiniMapFills>(() => {
    // Read from the stylesheet once per set of boxes (the first draw), not once per box.
    let colours: Record<PackageRunStatus, string> | undefined;
    return {
      fillOf(id, host) {
        colours ??= statusColours(host);
        return colours[hub.get(id).status];
      },
      subscribe(repaint) {
        const offs = boxes.map((box) => hub.subscribe(box.id, repaint));
        return () => {
          for (const off of offs) off();
        };
      },
    };
  }, [hub, boxes]);
  return (
    <CanvasMiniMap boxes={boxes} signal={signal} fills={fills}>
      {/* Colour probes: the status colours come from the stylesheet, as the graph's boxes do. */}
      <div className="status-minimap__probes" aria-hidden="true">
        {PACKAGE_RUN_STATUSES.map((status) => (
          <span key={status} className={`status--${status}`} data-status={status} />
        ))}
      </div>
    </CanvasMiniMap>
  );
}

/** Each status's minimap colour (its border colour), read from the stylesheet. */
function statusColours(host: HTMLElement): Record<PackageRunStatus, string> {
  const colours = {} as Record<PackageRunStatus, string>;
  for (const probe of host.querySelectorAll<HTMLElement>('.status-minimap__probes [data-status]')) {
    const status = probe.dataset.status as PackageRunStatus;
    colours[status] = getComputedStyle(probe).getPropertyValue('--border').trim() || '#c3c9d4';
  }
  return colours;
}
