/** Layout of run graphs and definitions as pure functions (dagre, layered sweeps, transitive reduction). */
export {
  chooseDirection,
  graphHash,
  layeredLayout,
  layoutGraph,
  type LayoutDirection,
  type LayoutNode,
  type LayoutOptions,
  type LayoutRanker,
  type LayoutResult,
} from './layout-graph';
export { LruCache } from './layout-cache';
export { layoutJobKey, runLayoutJob, type LayoutJob } from './layout-job';
export { adjacentCrossings, fitInOrder, sweepLayout, type SweepLayoutOptions } from './sweep-layout';
export { transitiveReduction, type LayoutEdge } from './transitive-reduction';
