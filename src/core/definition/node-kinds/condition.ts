import { z } from 'zod';
import { ValueSchema } from '../common';
import { defineNodeKind } from './types';

/** Comparison operators of a condition. */
export const CONDITION_OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'exists', 'notExists'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Data of a condition node: `left op right`, e.g. `$result.check.failed > 0`. */
export const ConditionDataSchema = z
  .object({
    left: z
      .string()
      .min(1, 'choose a value to test')
      .max(300)
      .describe('A reference: `$input.<name>…`, `$result.<node>…`, `$error.<node>` or `$workflow.id`'),
    op: z.enum(CONDITION_OPERATORS).describe('Comparison; `<` `<=` `>` `>=` compare numbers'),
    right: ValueSchema.optional().describe('JSON value compared with (not used by exists / notExists)'),
  })
  .strict()
  .describe('Branches on a value: edges out carry branch "true" or "false"');
export type ConditionData = z.infer<typeof ConditionDataSchema>;

/** The condition node kind. */
export const conditionKind = defineNodeKind({
  kind: 'condition',
  version: 1,
  schema: ConditionDataSchema,
  defaultData: { op: '==', right: true },
  display: {
    label: 'Condition',
    description: 'Takes the "true" or the "false" edge depending on a comparison of a run-time value.',
    category: 'flow',
  },
  ports: { inputs: 'one-or-more', outputs: 'branches' },
});
