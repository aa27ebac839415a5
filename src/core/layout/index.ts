/** Layout of run graphs as pure functions (dagre, layered placeholder, transitive reduction). */
export {
  graphHash,
  layeredLayout,
  layoutGraph,
  type LayoutNode,
  type LayoutOptions,
  type LayoutRanker,
  type LayoutResult,
} from './layout-graph';
export { transitiveReduction, type LayoutEdge } from './transitive-reduction';
