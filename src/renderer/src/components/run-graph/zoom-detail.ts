/**
 * When a canvas draws its nodes simplified (boxes without text): once a node is drawn shorter
 * than a line of text can be read in, its text costs paint time and tells nothing. By on-screen
 * height rather than a fixed zoom, so the run graph's small boxes and the editor's tall ones
 * switch at the same legibility.
 */

/** On-screen node height (px) below which text is dropped. */
export const MIN_READABLE_NODE_PX = 20;

/** True when nodes `boxHeight` px tall (in flow units) are drawn simplified at `zoom`. */
export function isSimplifiedZoom(zoom: number, boxHeight: number, minPx = MIN_READABLE_NODE_PX): boolean {
  if (!(zoom > 0) || !(boxHeight > 0)) return false;
  return boxHeight * zoom < minPx;
}

/**
 * Above this many edges a zoomed-out drawing leaves its edges out: thousands of crossing curves
 * at a zoom where boxes are a few pixels tall draw a hairball that costs most of the frame (the
 * boxes' colours, dimming and the critical path still read); zoomed in, only the visible edges
 * are drawn again.
 */
export const EDGE_DETAIL_MIN_EDGES = 1_000;

/** True when a drawing of `edgeCount` edges leaves them out at `zoom`. */
export function hidesEdges(zoom: number, boxHeight: number, edgeCount: number): boolean {
  return edgeCount > EDGE_DETAIL_MIN_EDGES && isSimplifiedZoom(zoom, boxHeight);
}
