import { z } from 'zod';
import { MAX_CONCURRENT_CHILDREN, loopFields } from './dynamic-loop';
import { defineNodeKind } from './types';

/** Data of a batch loop node: the older start-a-batch-and-wait-for-all pattern. */
export const BatchLoopDataSchema = z
  .object({
    ...loopFields,
    batchSize: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(MAX_CONCURRENT_CHILDREN, `must be at most ${MAX_CONCURRENT_CHILDREN}`)
      .describe('Children started together; the next batch starts when all of them finished'),
  })
  .strict()
  .describe(
    'Builds packages in batches and waits for each whole batch (kept to compare with the dynamic loop)',
  );
export type BatchLoopData = z.infer<typeof BatchLoopDataSchema>;

/** The batch loop node kind. */
export const batchLoopKind = defineNodeKind({
  kind: 'batchLoop',
  version: 1,
  schema: BatchLoopDataSchema,
  defaultData: { batchSize: 4, dependencyMode: 'on' },
  display: {
    label: 'Batch loop',
    description:
      'The older pattern: start a batch of ready packages, wait for all of them, repeat. Slots idle while a batch’s slowest child runs.',
    category: 'packages',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
