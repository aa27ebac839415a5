import { ACTIVITY_CATALOG } from '../activities/catalog';
import type { ActivityCatalogEntry } from '../activities/types';
import type { ChildWorkflowRef, ResolvedChildWorkflow } from './common';
import { analyzeControlFlow, type FlowBlock } from './control-flow';
import { DIAGNOSTIC_CODES as C, error, hasErrors, issuesToDiagnostics, type Diagnostic } from './diagnostics';
import { NODE_KINDS } from './node-kinds/index';
import { checkNode, type NodeCheckContext } from './validate-nodes';
import { checkInputs } from './validate-settings';
import {
  DefinitionEnvelopeSchema,
  type DefinitionNode,
  type ValidDefinition,
  type ValidNode,
} from './workflow-definition';

/** Options of `validateDefinition`. */
export interface ValidateOptions {
  /**
   * Resolves child workflow references. Without it child references are not checked (the editor's
   * live diagnostics); the compiler always passes one.
   */
  resolveChild?: (ref: ChildWorkflowRef) => ResolvedChildWorkflow | undefined;
  /** Activities that exist. @default ACTIVITY_CATALOG */
  activities?: readonly ActivityCatalogEntry[];
}

/** Result of `validateDefinition`. */
export interface DefinitionCheck {
  /** Every problem found, errors and warnings, in definition order. */
  diagnostics: Diagnostic[];
  /** The definition with complete, typed node data; undefined when there is an error. */
  definition: ValidDefinition | undefined;
  /** The structured control flow; undefined when there is an error. */
  body: FlowBlock | undefined;
}

/**
 * Checks a definition completely: the envelope, each node's data against its kind's complete
 * schema, the control flow (one start, reachability, cycles, branches, structure) and the meaning
 * of every node (activity names and arguments, child workflow references, graph and loop
 * references, `$ref`s, inline package graphs). Collects every problem rather than the first.
 */
export function validateDefinition(input: unknown, options: ValidateOptions = {}): DefinitionCheck {
  const envelope = DefinitionEnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    const diagnostics = issuesToDiagnostics(envelope.error.issues);
    return { diagnostics: withNodeIds(diagnostics, input), definition: undefined, body: undefined };
  }
  const raw = envelope.data;
  const diagnostics: Diagnostic[] = [];

  // Node data against the complete schema of its kind.
  const nodes: Array<ValidNode | undefined> = raw.nodes.map((node, i) => {
    const parsed = NODE_KINDS[node.kind].schema.safeParse(node.data);
    if (parsed.success) return { ...node, data: parsed.data } as ValidNode;
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, ['nodes', i, 'data'], node.id));
    return undefined;
  });

  diagnostics.push(...checkInputs(raw.settings.inputs ?? []));
  const flow = analyzeControlFlow(raw.nodes, raw.edges);
  diagnostics.push(...flow.diagnostics);

  const byId = new Map<string, { node: DefinitionNode; valid: ValidNode | undefined; index: number }>();
  raw.nodes.forEach((node, index) => {
    if (!byId.has(node.id)) byId.set(node.id, { node, valid: nodes[index], index });
  });
  const ctx: NodeCheckContext = {
    inputs: raw.settings.inputs ?? [],
    nodeById: (id) => byId.get(id),
    ancestorsOf: flow.ancestorsOf,
    activities: options.activities ?? ACTIVITY_CATALOG,
    resolveChild: options.resolveChild,
  };
  nodes.forEach((node, index) => {
    if (node) diagnostics.push(...checkNode(node, index, ctx));
  });
  if (flow.body) diagnostics.push(...checkLoopsOnMainPath(flow.body, ctx));

  const ok = !hasErrors(diagnostics) && nodes.every((n) => n !== undefined);
  return {
    diagnostics,
    definition: ok ? { ...raw, nodes: nodes as ValidNode[] } : undefined,
    body: ok ? flow.body : undefined,
  };
}

/** Package loops must be on the main path: continue-as-new resumes there, and the query reports them. */
function checkLoopsOnMainPath(body: FlowBlock, ctx: NodeCheckContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (block: FlowBlock, nested: boolean): void => {
    for (const step of block) {
      if (step.type === 'node') {
        const entry = ctx.nodeById(step.nodeId);
        if (nested && entry && (entry.node.kind === 'dynamicLoop' || entry.node.kind === 'batchLoop')) {
          diagnostics.push(
            error(
              C.LOOP_NOT_ON_MAIN_PATH,
              ['nodes', entry.index],
              `Package loop "${step.nodeId}" is inside a condition or parallel branch; put it on the main path from start to end`,
              step.nodeId,
            ),
          );
        }
      } else if (step.type === 'branch') {
        visit(step.whenTrue, true);
        visit(step.whenFalse, true);
      } else for (const branch of step.branches) visit(branch, true);
    }
  };
  visit(body, false);
  return diagnostics;
}

/** Adds the node id to diagnostics whose path is inside `nodes[i]`, when the raw input has one. */
function withNodeIds(diagnostics: Diagnostic[], input: unknown): Diagnostic[] {
  const nodes = (input as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return diagnostics;
  return diagnostics.map((d) => {
    const match = /^nodes\[(\d+)\]/.exec(d.path);
    const id = match ? (nodes[Number(match[1])] as { id?: unknown } | undefined)?.id : undefined;
    return typeof id === 'string' && id !== '' ? { ...d, nodeId: id } : d;
  });
}
