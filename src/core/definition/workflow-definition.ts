import { z } from 'zod';

/**
 * The envelope of a workflow definition as stored and sent over IPC.
 *
 * Provisional: the compiler issue replaces `nodes[].data` with one strict schema per node kind
 * (core/definition/node-kinds/*). The envelope (schemaVersion, name, nodes, edges, settings)
 * is the stable part the store, the IPC contract and the canvas rely on.
 */
export const DEFINITION_SCHEMA_VERSION = 1;

/** A node on the canvas. */
export const DefinitionNodeSchema = z
  .object({
    id: z.string().min(1).max(128).describe('Unique id of the node within the definition'),
    kind: z.string().min(1).max(64).describe('Node kind (start, activity, childWorkflow, …)'),
    label: z.string().max(200).optional().describe('Label shown on the canvas'),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional().describe('Canvas position'),
    data: z.record(z.string(), z.unknown()).default({}).describe('Kind-specific settings'),
  })
  .strict();

/** A control-flow edge between two nodes. */
export const DefinitionEdgeSchema = z
  .object({
    id: z.string().min(1).max(128),
    source: z.string().min(1).max(128).describe('Id of the node the edge leaves'),
    target: z.string().min(1).max(128).describe('Id of the node the edge enters'),
  })
  .strict();

/** A whole workflow definition. */
export const WorkflowDefinitionSchema = z
  .object({
    schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION).describe('Version of this schema'),
    name: z.string().trim().min(1, 'name must not be empty').max(200).describe('Human name of the workflow'),
    description: z.string().max(5000).optional(),
    nodes: z.array(DefinitionNodeSchema).max(5000),
    edges: z.array(DefinitionEdgeSchema).max(20000),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** A workflow definition (parsed). */
export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;
