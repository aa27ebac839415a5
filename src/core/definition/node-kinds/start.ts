import { z } from 'zod';
import { defineNodeKind } from './types';

/** Data of a start node: none; the run's inputs are declared in the definition's settings. */
export const StartDataSchema = z.object({}).strict().describe('Where a run begins');
export type StartData = z.infer<typeof StartDataSchema>;

/** The start node kind: exactly one per definition. */
export const startKind = defineNodeKind({
  kind: 'start',
  version: 1,
  schema: StartDataSchema,
  defaultData: {},
  display: {
    label: 'Start',
    description: 'Where a run begins. Its inputs are declared in the workflow settings.',
    category: 'flow',
  },
  ports: { inputs: 'none', outputs: 'one-or-more' },
});
