import { GraphError } from './graph-error';
import { DEPENDENCY_KINDS } from './types';

/** Format tag of a serialized graph, checked on load. */
export const GRAPH_JSON_FORMAT = 'workflow-builder/dependency-graph';

/** One-character JSON code of each dependency kind, by DEPENDENCY_KINDS index. */
const KIND_CODES = 'dvpo';

/**
 * Serialized DependencyGraph. Compact on purpose: it travels in workflow state and across
 * continue-as-new, where payload size is limited (Temporal's default is 2 MB), so edges are index
 * pairs rather than name objects (10k packages / 50k edges: 0.7 MB instead of 3.7 MB).
 * Order is preserved exactly (nodes and edges in insertion order), which keeps every
 * deterministic tie-break identical after a round trip.
 */
export interface DependencyGraphJSON {
  /** Always GRAPH_JSON_FORMAT. */
  readonly format: typeof GRAPH_JSON_FORMAT;
  /** Schema version, currently 1. */
  readonly version: 1;
  /** Package names in insertion order; a package's index here is its id in `edges`. */
  readonly nodes: readonly string[];
  /** Declared duration (ms) by node index, null where none; omitted when no package declares one. */
  readonly estimatedDurationMs?: readonly (number | null)[];
  /** Edges in insertion order as flat pairs `[from, to, from, to, …]` of node indices (from depends on to). */
  readonly edges: readonly number[];
  /** One character per edge (d dependency, v dev, p peer, o optional); omitted when all are `d`. */
  readonly edgeKinds?: string;
}

/** The graph content decoded from JSON, still to be loaded into a DependencyGraph. */
export interface DecodedGraph {
  /** Package names. */
  readonly names: readonly string[];
  /** Declared durations by index. */
  readonly declared: readonly (number | undefined)[];
  /** Edges as index triples. */
  readonly edges: readonly { from: number; to: number; kind: number }[];
}

/** Builds the JSON form from the graph's raw storage. */
export function encodeGraph(
  names: readonly string[],
  declared: readonly number[],
  from: readonly number[],
  to: readonly number[],
  kind: readonly number[],
): DependencyGraphJSON {
  const edges = new Array<number>(from.length * 2);
  let kinds = '';
  let anyKind = false;
  for (let e = 0; e < from.length; e++) {
    edges[2 * e] = from[e]!;
    edges[2 * e + 1] = to[e]!;
    kinds += KIND_CODES.charAt(kind[e]!);
    if (kind[e] !== 0) anyKind = true;
  }
  const anyDeclared = declared.some((d) => !Number.isNaN(d));
  return {
    format: GRAPH_JSON_FORMAT,
    version: 1,
    nodes: [...names],
    ...(anyDeclared && { estimatedDurationMs: declared.map((d) => (Number.isNaN(d) ? null : d)) }),
    edges,
    ...(anyKind && { edgeKinds: kinds }),
  };
}

function invalid(what: string): GraphError {
  return new GraphError('INVALID_JSON', `Invalid dependency graph JSON: ${what}`);
}

function isIndex(x: unknown, n: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
}

/** Checks the shape of a serialized graph and decodes it; throws INVALID_JSON on any mismatch. */
export function decodeGraph(json: unknown): DecodedGraph {
  if (typeof json !== 'object' || json === null) throw invalid('not an object');
  const j = json as Partial<Record<keyof DependencyGraphJSON, unknown>>;
  if (j.format !== GRAPH_JSON_FORMAT) throw invalid(`format must be "${GRAPH_JSON_FORMAT}"`);
  if (j.version !== 1) throw invalid(`unsupported version ${String(j.version)}`);
  const { nodes, edges, estimatedDurationMs: durations, edgeKinds } = j;
  if (!Array.isArray(nodes) || !nodes.every((x) => typeof x === 'string')) {
    throw invalid('nodes must be an array of strings');
  }
  const n = nodes.length;
  if (!Array.isArray(edges) || edges.length % 2 !== 0 || !edges.every((x) => isIndex(x, n))) {
    throw invalid('edges must be pairs of node indices');
  }
  let declared: (number | undefined)[] = new Array<undefined>(n).fill(undefined);
  if (durations !== undefined) {
    if (!Array.isArray(durations) || durations.length !== n) {
      throw invalid('estimatedDurationMs must have one entry per node');
    }
    declared = durations.map((d) => {
      if (d === null) return undefined;
      if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) throw invalid('bad estimatedDurationMs');
      return d;
    });
  }
  const m = edges.length / 2;
  if (edgeKinds !== undefined && (typeof edgeKinds !== 'string' || edgeKinds.length !== m)) {
    throw invalid('edgeKinds must have one character per edge');
  }
  const decoded: { from: number; to: number; kind: number }[] = [];
  for (let e = 0; e < m; e++) {
    const kind = typeof edgeKinds === 'string' ? KIND_CODES.indexOf(edgeKinds.charAt(e)) : 0;
    if (kind < 0 || kind >= DEPENDENCY_KINDS.length) throw invalid(`unknown edge kind at edge ${e}`);
    decoded.push({ from: edges[2 * e] as number, to: edges[2 * e + 1] as number, kind });
  }
  return { names: nodes as string[], declared, edges: decoded };
}
