/** Layout of run graphs as pure functions (dagre, layered placeholder, transitive reduction). */
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
export { transitiveReduction, type LayoutEdge } from './transitive-reduction';
