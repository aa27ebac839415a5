import { z } from 'zod';
import type { ZodType } from 'zod';
import type { ActivityData } from './node-kinds/activity';
import type { BatchLoopData } from './node-kinds/batch-loop';
import type { ChildWorkflowData } from './node-kinds/child-workflow';
import type { ConditionData } from './node-kinds/condition';
import type { DependencyGraphData } from './node-kinds/dependency-graph';
import type { DynamicLoopData } from './node-kinds/dynamic-loop';
import type { EndData } from './node-kinds/end';
import { NODE_KINDS, NODE_KIND_NAMES, type NodeKind } from './node-kinds/index';
import type { ReportData } from './node-kinds/report';
import type { StartData } from './node-kinds/start';
import { WorkflowSettingsSchema } from './settings';
import { checkJsonLimits, DEFINITION_LIMITS } from '../json/json-limits';

/**
 * A workflow definition as stored, sent over IPC and drawn on the canvas: nodes, control-flow
 * edges and settings. This envelope is strict about shape — unknown fields, unknown node kinds and
 * wrongly typed node data are refused — but accepts a node whose required fields are not filled in
 * yet (a draft): the compiler reports those, with their path, through `validateDefinition`.
 *
 * `schemaVersion` is bumped only when the contract changes; each node kind has its own `version`
 * in its module (node-kinds/*).
 */
export const DEFINITION_SCHEMA_VERSION = 1;

/** Id of a node or an edge. */
const IdSchema = z.string().min(1).max(128);

const NodeEnvelopeSchema = z
  .object({
    id: IdSchema.describe('Unique id of the node within the definition'),
    kind: z.enum(NODE_KIND_NAMES).describe('Node kind (start, activity, childWorkflow, …)'),
    label: z.string().max(200).optional().describe('Label shown on the canvas'),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional().describe('Canvas position'),
    data: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Kind-specific settings (node-kinds/<kind>.ts)'),
  })
  .strict();

/** A node on the canvas; `data` is checked against its kind's (draft) schema. */
export const DefinitionNodeSchema = NodeEnvelopeSchema.superRefine((node, ctx) => {
  const parsed = NODE_KINDS[node.kind].draftSchema.safeParse(node.data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: ['data', ...issue.path] });
  }
});

/** A control-flow edge between two nodes. */
export const DefinitionEdgeSchema = z
  .object({
    id: IdSchema.describe('Unique id of the edge within the definition'),
    source: IdSchema.describe('Id of the node the edge leaves'),
    target: IdSchema.describe('Id of the node the edge enters'),
    branch: z
      .enum(['true', 'false'])
      .optional()
      .describe('Edges leaving a condition: which outcome takes this edge'),
  })
  .strict();

function envelopeOf<N extends z.ZodType>(node: N) {
  return z
    .object({
      schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION).describe('Version of this schema'),
      name: z
        .string()
        .trim()
        .min(1, 'name must not be empty')
        .max(200)
        .describe('Human name of the workflow'),
      description: z
        .string()
        .max(5000)
        .optional()
        .describe('What the workflow does; emitted as the workflow’s doc comment'),
      nodes: z.array(node).max(5000).describe('The nodes'),
      edges: z.array(DefinitionEdgeSchema).max(20000).describe('Control-flow edges'),
      settings: WorkflowSettingsSchema.default({}).describe('Task queue and run inputs'),
    })
    .strict()
    .superRefine((definition, ctx) => {
      // The whole definition as it will be stored: many fields each under their own cap must
      // not add up to an unbounded row.
      const problem = checkJsonLimits(definition, DEFINITION_LIMITS);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `the definition ${problem.message}`, path: [] });
    });
}

/** A whole workflow definition (the envelope; see `validateDefinition` for the complete checks). */
export const WorkflowDefinitionSchema = envelopeOf(DefinitionNodeSchema);

/**
 * @internal The envelope without the per-kind data check, for `validateDefinition`, which checks
 * node data against the complete schemas itself.
 */
export const DefinitionEnvelopeSchema = envelopeOf(NodeEnvelopeSchema);

/** A workflow definition (parsed envelope). */
export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;
/** A node of a definition (envelope: `data` not yet checked for completeness). */
export type DefinitionNode = WorkflowDefinition['nodes'][number];
/** A control-flow edge. */
export type DefinitionEdge = z.infer<typeof DefinitionEdgeSchema>;

/** Data type of each node kind, complete. */
export interface NodeDataByKind {
  start: StartData;
  activity: ActivityData;
  childWorkflow: ChildWorkflowData;
  dependencyGraph: DependencyGraphData;
  dynamicLoop: DynamicLoopData;
  batchLoop: BatchLoopData;
  condition: ConditionData;
  report: ReportData;
  end: EndData;
}

/** A node whose data passed its kind's complete schema; a union tagged by `kind`. */
export type ValidNode = {
  [K in NodeKind]: Omit<DefinitionNode, 'kind' | 'data'> & { kind: K; data: NodeDataByKind[K] };
}[NodeKind];

/** A node of one kind. */
export type NodeOf<K extends NodeKind> = Extract<ValidNode, { kind: K }>;

/** A definition whose every node passed its kind's complete schema. */
export type ValidDefinition = Omit<WorkflowDefinition, 'nodes'> & { nodes: ValidNode[] };

// Compile-time check that each kind module's schema produces the data type above.
type SchemaOf<K extends NodeKind> = (typeof NODE_KINDS)[K]['schema'];
type _CheckKinds = { [K in NodeKind]: SchemaOf<K> extends ZodType<NodeDataByKind[K]> ? true : never };
const _kindsMatch: _CheckKinds = {
  start: true,
  activity: true,
  childWorkflow: true,
  dependencyGraph: true,
  dynamicLoop: true,
  batchLoop: true,
  condition: true,
  report: true,
  end: true,
};
void _kindsMatch;
