import { z } from 'zod';
import { boundedJson, TaskQueueSchema } from './common';

/**
 * Types of run inputs; the run form shows one field per input. `strings` is a list of strings
 * (`string[]`), `record` a map from string to string (`Record<string, string>`): inputs the
 * generated code types exactly, where `json` (any value) can only be `unknown`.
 */
export const INPUT_TYPES = ['string', 'number', 'boolean', 'strings', 'record', 'json', 'packages'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/**
 * Input names the generated workflows use for themselves (see the compiler's RunOptions): `seed`
 * (Retry after close), `estimatedDurationsMs` (ETA inputs) and `resume` (continue-as-new).
 */
export const RESERVED_INPUT_NAMES: readonly string[] = ['seed', 'estimatedDurationsMs', 'resume'];

/** One declared run input. */
export const InputSpecSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        'must be an identifier (letters, digits, _; not starting with a digit)',
      )
      .max(64)
      .describe('Field name in the workflow input, e.g. root'),
    type: z
      .enum(INPUT_TYPES)
      .describe(
        'string | number | boolean | strings (a list of strings) | record (a map from string to string) | json (any value) | packages (a list of PackageSpec)',
      ),
    required: z.boolean().optional().describe('The run form refuses to start without it. Default: false'),
    default: boundedJson().optional().describe('Value used when the run does not give one'),
    label: z.string().max(100).optional().describe('Label of the run form field. Default: the name'),
    description: z.string().max(1000).optional().describe('Help text of the run form field'),
  })
  .strict();
export type InputSpec = z.infer<typeof InputSpecSchema>;

/** Settings of a workflow definition. */
export const WorkflowSettingsSchema = z
  .object({
    taskQueue: TaskQueueSchema.optional().describe(
      'Task queue the workflow runs on. Default: the app’s (workflow-builder)',
    ),
    inputs: z
      .array(InputSpecSchema)
      .max(100)
      .optional()
      .describe('Inputs of a run; the app builds the run form from them'),
  })
  .strict();
export type WorkflowSettings = z.infer<typeof WorkflowSettingsSchema>;
