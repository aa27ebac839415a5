import { DIAGNOSTIC_CODES as C, error, type Diagnostic } from './diagnostics';
import type { DefinitionEdge, DefinitionNode } from './workflow-definition';

/**
 * Control-flow analysis of a definition: the checks on edges (start, branches, reachability,
 * cycles) and the structuring of the node graph into nested blocks — a sequence, an if/else per
 * condition, a parallel block per node with several outgoing edges — which is what the compiler
 * lowers to statements. Branches join at the immediate post-dominator of the node they leave (the
 * first node every path from it passes through); a definition whose branches merge in any other
 * way cannot be written as nested blocks and is reported as `unstructured-flow`.
 */

/** One step of a structured block. */
export type FlowStep =
  /** A node run on its own (a fork node comes first as a `node` step, then its `parallel` step). */
  | { readonly type: 'node'; readonly nodeId: string }
  /** A condition node and its two branches (either may be empty). */
  | {
      readonly type: 'branch';
      readonly nodeId: string;
      readonly whenTrue: FlowBlock;
      readonly whenFalse: FlowBlock;
    }
  /** The branches leaving a fork node, run at the same time and joined. */
  | { readonly type: 'parallel'; readonly nodeId: string; readonly branches: readonly FlowBlock[] };

/** A sequence of steps. */
export type FlowBlock = readonly FlowStep[];

/** Result of `analyzeControlFlow`. */
export interface ControlFlow {
  /** Every control-flow problem found (not only the first). */
  readonly diagnostics: Diagnostic[];
  /** The structured program, when there is no error. */
  readonly body: FlowBlock | undefined;
  /** Node ids that can reach each node (its possible predecessors in a run), for reference checks. */
  ancestorsOf(nodeId: string): ReadonlySet<string>;
}

const EXIT = '\u0000exit';

/** Checks the control flow of a definition and structures it. */
export function analyzeControlFlow(
  nodes: readonly DefinitionNode[],
  edges: readonly DefinitionEdge[],
): ControlFlow {
  const diagnostics: Diagnostic[] = [];
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (index.has(node.id)) {
      diagnostics.push(
        error(
          C.DUPLICATE_NODE_ID,
          ['nodes', i, 'id'],
          `Node id "${node.id}" is used more than once`,
          node.id,
        ),
      );
    } else index.set(node.id, i);
  });
  const kindOf = (id: string): string | undefined => {
    const i = index.get(id);
    return i === undefined ? undefined : nodes[i]?.kind;
  };

  const starts = nodes.filter((n) => n.kind === 'start');
  if (starts.length === 0) diagnostics.push(error(C.NO_START, ['nodes'], 'The workflow needs a start node'));
  starts.slice(1).forEach((node) => {
    diagnostics.push(
      error(
        C.MULTIPLE_STARTS,
        ['nodes', index.get(node.id) ?? 0],
        `Only one start node is allowed; "${node.id}" is another`,
        node.id,
      ),
    );
  });

  // Valid edges only, in definition order; problems reported with the edge's path.
  const out = new Map<string, Array<{ target: string; branch: string | undefined; edge: number }>>();
  const into = new Map<string, string[]>();
  const edgeIds = new Set<string>();
  edges.forEach((edge, i) => {
    if (edgeIds.has(edge.id)) {
      diagnostics.push(
        error(C.DUPLICATE_EDGE_ID, ['edges', i, 'id'], `Edge id "${edge.id}" is used more than once`),
      );
    }
    edgeIds.add(edge.id);
    let ok = true;
    for (const end of ['source', 'target'] as const) {
      if (!index.has(edge[end])) {
        diagnostics.push(
          error(
            C.UNKNOWN_EDGE_NODE,
            ['edges', i, end],
            `Edge "${edge.id}" ${end === 'source' ? 'leaves' : 'enters'} unknown node "${edge[end]}"`,
          ),
        );
        ok = false;
      }
    }
    if (!ok) return;
    if (kindOf(edge.target) === 'start') {
      diagnostics.push(
        error(C.INVALID_EDGE, ['edges', i, 'target'], `Edge "${edge.id}" enters the start node`, edge.target),
      );
      return;
    }
    if (kindOf(edge.source) === 'end') {
      diagnostics.push(
        error(
          C.INVALID_EDGE,
          ['edges', i, 'source'],
          `Edge "${edge.id}" leaves the end node "${edge.source}"`,
          edge.source,
        ),
      );
      return;
    }
    const isCondition = kindOf(edge.source) === 'condition';
    if (isCondition && edge.branch === undefined) {
      diagnostics.push(
        error(
          C.INVALID_BRANCH,
          ['edges', i, 'branch'],
          `Edge "${edge.id}" leaves condition "${edge.source}": set its branch to "true" or "false"`,
          edge.source,
        ),
      );
    } else if (!isCondition && edge.branch !== undefined) {
      diagnostics.push(
        error(
          C.INVALID_BRANCH,
          ['edges', i, 'branch'],
          `Edge "${edge.id}" has a branch but "${edge.source}" is not a condition`,
          edge.source,
        ),
      );
    }
    const list = out.get(edge.source) ?? [];
    list.push({ target: edge.target, branch: edge.branch, edge: i });
    out.set(edge.source, list);
    into.set(edge.target, [...(into.get(edge.target) ?? []), edge.source]);
  });

  for (const node of nodes) {
    if (node.kind !== 'condition') continue;
    const list = out.get(node.id) ?? [];
    for (const branch of ['true', 'false'] as const) {
      const taken = list.filter((e) => e.branch === branch);
      if (taken.length > 1) {
        diagnostics.push(
          error(
            C.INVALID_BRANCH,
            ['edges', taken[1]!.edge, 'branch'],
            `Condition "${node.id}" has more than one "${branch}" edge`,
            node.id,
          ),
        );
      }
    }
    if (!list.some((e) => e.branch === 'true')) {
      diagnostics.push(
        error(
          C.INVALID_BRANCH,
          ['nodes', index.get(node.id)!],
          `Condition "${node.id}" needs an edge with branch "true"`,
          node.id,
        ),
      );
    }
  }

  const successors = (id: string): string[] => [...new Set((out.get(id) ?? []).map((e) => e.target))];

  // Reachability from the start.
  const start = starts[0]?.id;
  const reached = new Set<string>();
  if (start !== undefined) {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      stack.push(...successors(id));
    }
    nodes.forEach((node, i) => {
      if (!reached.has(node.id) && index.get(node.id) === i && node.kind !== 'start') {
        diagnostics.push(
          error(
            C.UNREACHABLE_NODE,
            ['nodes', i],
            `Node "${node.id}" cannot be reached from the start node: connect an edge to it or delete it`,
            node.id,
          ),
        );
      }
    });
  }

  const cycles = findCycles(
    nodes.map((n) => n.id),
    successors,
  );
  for (const cycle of cycles) {
    const from = cycle[cycle.length - 2]!;
    const to = cycle[cycle.length - 1]!;
    const edge = (out.get(from) ?? []).find((e) => e.target === to)?.edge ?? 0;
    diagnostics.push(
      error(C.CONTROL_FLOW_CYCLE, ['edges', edge], `Control-flow cycle: ${cycle.join(' → ')}`, to),
    );
  }

  const ancestorCache = new Map<string, Set<string>>();
  const ancestorsOf = (nodeId: string): ReadonlySet<string> => {
    let set = ancestorCache.get(nodeId);
    if (set) return set;
    set = new Set<string>();
    const stack = [...(into.get(nodeId) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (set.has(id)) continue;
      set.add(id);
      stack.push(...(into.get(id) ?? []));
    }
    ancestorCache.set(nodeId, set);
    return set;
  };

  if (diagnostics.length > 0 || start === undefined) return { diagnostics, body: undefined, ancestorsOf };

  const body = structure(start, {
    successors,
    branchTarget: (id, branch) => (out.get(id) ?? []).find((e) => e.branch === branch)?.target,
    kindOf: (id) => kindOf(id) ?? '',
    indexOf: (id) => index.get(id) ?? 0,
    diagnostics,
    reached: [...reached],
  });
  return { diagnostics, body: diagnostics.length > 0 ? undefined : body, ancestorsOf };
}

/** Every cycle closed by a back edge of a depth-first search, as `[a, b, c, a]`. */
function findCycles(ids: readonly string[], successors: (id: string) => string[]): string[][] {
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const cycles: string[][] = [];
  const path: string[] = [];
  const visit = (root: string): void => {
    const frames: Array<{ id: string; next: string[] }> = [{ id: root, next: successors(root) }];
    state.set(root, 1);
    path.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const target = frame.next.shift();
      if (target === undefined) {
        state.set(frame.id, 2);
        path.pop();
        frames.pop();
      } else if (state.get(target) === 1) {
        cycles.push([...path.slice(path.indexOf(target)), target]);
      } else if (state.get(target) === undefined) {
        state.set(target, 1);
        path.push(target);
        frames.push({ id: target, next: successors(target) });
      }
    }
  };
  for (const id of ids) if (state.get(id) === undefined) visit(id);
  return cycles;
}

interface StructureContext {
  successors(id: string): string[];
  branchTarget(id: string, branch: 'true' | 'false'): string | undefined;
  kindOf(id: string): string;
  indexOf(id: string): number;
  diagnostics: Diagnostic[];
  reached: string[];
}

/** Structures the (acyclic, reachable) graph from `start` into nested blocks. */
function structure(start: string, ctx: StructureContext): FlowBlock {
  const ipdom = immediatePostDominators(ctx.reached, ctx.successors);
  const placed = new Set<string>();

  const block = (from: string, until: string): FlowStep[] => {
    const steps: FlowStep[] = [];
    for (let id = from; id !== until && id !== EXIT;) {
      if (placed.has(id)) {
        ctx.diagnostics.push(
          error(
            C.UNSTRUCTURED_FLOW,
            ['nodes', ctx.indexOf(id)],
            `Node "${id}" is entered from two branches before they join: route both branches through one join node, or duplicate "${id}"`,
            id,
          ),
        );
        return steps;
      }
      placed.add(id);
      const join = ipdom.get(id) ?? EXIT;
      if (ctx.kindOf(id) === 'condition') {
        const branch = (b: 'true' | 'false'): FlowStep[] => {
          const target = ctx.branchTarget(id, b);
          return target === undefined ? [] : block(target, join);
        };
        steps.push({ type: 'branch', nodeId: id, whenTrue: branch('true'), whenFalse: branch('false') });
        id = join;
        continue;
      }
      steps.push({ type: 'node', nodeId: id });
      const next = ctx.successors(id);
      if (next.length > 1) {
        steps.push({ type: 'parallel', nodeId: id, branches: next.map((s) => block(s, join)) });
        id = join;
      } else id = next[0] ?? EXIT;
    }
    return steps;
  };
  return block(start, EXIT);
}

/** Immediate post-dominator of every node of a DAG (EXIT after the nodes without successors). */
function immediatePostDominators(
  ids: readonly string[],
  successors: (id: string) => string[],
): Map<string, string> {
  // Reverse topological order: every successor is done before its predecessors.
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (root: string): void => {
    const frames: Array<{ id: string; next: string[] }> = [{ id: root, next: successors(root) }];
    seen.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const target = frame.next.shift();
      if (target === undefined) {
        order.push(frame.id);
        frames.pop();
      } else if (!seen.has(target)) {
        seen.add(target);
        frames.push({ id: target, next: successors(target) });
      }
    }
  };
  for (const id of ids) if (!seen.has(id)) visit(id);

  const ipdom = new Map<string, string>();
  const depth = new Map<string, number>([[EXIT, 0]]);
  const lca = (a: string, b: string): string => {
    while (a !== b) {
      if ((depth.get(a) ?? 0) >= (depth.get(b) ?? 0)) a = ipdom.get(a) ?? EXIT;
      else b = ipdom.get(b) ?? EXIT;
    }
    return a;
  };
  for (const id of order) {
    const next = successors(id);
    const dom = next.length === 0 ? EXIT : next.reduce((acc, s) => lca(acc, s));
    ipdom.set(id, dom);
    depth.set(id, (depth.get(dom) ?? 0) + 1);
  }
  return ipdom;
}
