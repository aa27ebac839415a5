import { z } from 'zod';
import { checkJsonLimits, JSON_FIELD_LIMITS, type JsonLimits, type JsonValue } from '../json/json-limits';

/**
 * Field schemas shared by several node kinds. Every field is `.describe()`d: the descriptions are
 * the inspector's help texts. No field has a zod default: a definition is stored exactly as the
 * user wrote it, and the compiler applies the documented defaults (the `DEFAULT_*` constants).
 */

/** Longest duration accepted anywhere: one year, in milliseconds. */
export const MAX_DURATION_MS = 365 * 24 * 3_600_000;

/** A duration in milliseconds (> 0). */
export const DurationMsSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(1, 'must be at least 1 ms')
  .max(MAX_DURATION_MS, 'must be at most one year');

/**
 * A free-form JSON field, checked without recursion against `limits` (depth, serialized size):
 * zod's own `z.json()` is recursive and overflows the stack on deeply nested input. Refused
 * values name the field and the limit, e.g. `args.0: is JSON nested deeper than the limit of 64 levels`.
 */
export function boundedJson(limits: JsonLimits = JSON_FIELD_LIMITS): z.ZodType<JsonValue> {
  // z.unknown (not z.custom) so the field still has a JSON Schema (the inspector's descriptions);
  // the check below is what makes it a JsonValue.
  return z.unknown().superRefine((value, ctx) => {
    const problem = checkJsonLimits(value, limits);
    if (problem === undefined) return;
    // Where inside the value matters for a wrong type; for depth and size the field is enough.
    const path = problem.kind === 'not-json' ? problem.path : [];
    ctx.addIssue({ code: 'custom', message: problem.message, path });
  }) as unknown as z.ZodType<JsonValue>;
}

/**
 * Any JSON value. An object of exactly the form `{ "$ref": "<reference>" }` is a reference to a
 * value known at run time (see references.ts), e.g. `{ "$ref": "$input.root" }`.
 */
export const ValueSchema = boundedJson().describe('A JSON value; `{ "$ref": "$input.name" }` refers to a run-time value');

/** Temporal retry policy of an activity or child workflow, in milliseconds. */
export const RetryPolicySchema = z
  .object({
    initialIntervalMs: DurationMsSchema.optional().describe(
      'Wait before the first retry. Default: 1000 (Temporal)',
    ),
    backoffCoefficient: z
      .number()
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional()
      .describe('Multiplier of the wait after each retry. Default: 2 (Temporal)'),
    maximumIntervalMs: DurationMsSchema.optional().describe(
      'Longest wait between retries. Default: 100 × initial interval',
    ),
    maximumAttempts: z
      .number()
      .int()
      .min(0, 'must be 0 (unlimited) or more')
      .max(10_000)
      .optional()
      .describe(
        'Attempts in total, the first included; 0 means unlimited. Default: unlimited for activities',
      ),
    nonRetryableErrorTypes: z
      .array(z.string().min(1).max(200))
      .max(100)
      .optional()
      .describe('Error types (ApplicationFailure.type) that are never retried'),
  })
  .strict()
  .describe('Retry policy');
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** Reference to the workflow a child workflow runs: a stored definition, or a workflow type by name. */
export const ChildWorkflowRefSchema = z
  .union([
    z
      .object({
        definitionId: z.string().min(1).max(200).describe('Id of a stored workflow definition'),
        version: z.number().int().positive().optional().describe('Version of it. Default: the latest'),
      })
      .strict(),
    z
      .object({
        workflowType: z
          .string()
          .min(1)
          .max(200)
          .describe('Workflow type registered on the task queue, e.g. BuildPackage_v2'),
      })
      .strict(),
  ])
  .describe('The child workflow: `{ definitionId, version? }` or `{ workflowType }`');
export type ChildWorkflowRef = z.infer<typeof ChildWorkflowRefSchema>;

/** A child workflow reference resolved to what a parent needs to start it. */
export interface ResolvedChildWorkflow {
  /** Registered workflow type, e.g. `BuildPackage_v2`. */
  workflowType: string;
  /** Task queue its workers poll. */
  taskQueue: string;
}

/** Temporal task queue name. */
export const TaskQueueSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[A-Za-z0-9._:/@-]+$/, 'may only contain letters, digits and . _ : / @ -');

/** What happens to a child workflow when its parent closes first. */
export const ParentClosePolicySchema = z
  .enum(['TERMINATE', 'ABANDON', 'REQUEST_CANCEL'])
  .describe('What happens to the child if the parent closes first');
export type ParentClosePolicyName = z.infer<typeof ParentClosePolicySchema>;

/** Input object of child workflows: field name → value (JSON, or a `$ref`). */
export const ChildInputSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier'), ValueSchema)
  .describe('Fields of the child workflow input; values may be `{ "$ref": … }`');

/** Id of another node of the same definition. */
export const NodeIdRefSchema = z.string().min(1).max(128);

/** Whether a node's failure fails the workflow or is recorded as `$error.<node>` and the run goes on. */
export const ContinueOnFailureSchema = z
  .boolean()
  .optional()
  .describe(
    'On failure, record the error (`$error.<node>`) and continue instead of failing the workflow. Default: false',
  );
