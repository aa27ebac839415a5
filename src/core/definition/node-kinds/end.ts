import { z } from 'zod';
import { defineNodeKind } from './types';

/** Data of an end node: none. */
export const EndDataSchema = z.object({}).strict().describe('Where a run ends');
export type EndData = z.infer<typeof EndDataSchema>;

/**
 * The end node kind. Reaching it waits for children started with mode "start" (unless abandoned),
 * fails the run if a package loop left failed packages, and returns the results of the nodes.
 */
export const endKind = defineNodeKind({
  kind: 'end',
  version: 1,
  schema: EndDataSchema,
  defaultData: {},
  display: {
    label: 'End',
    description:
      'Where a run ends: waits for started children, fails the run if packages failed, and returns every node result.',
    category: 'flow',
  },
  ports: { inputs: 'one-or-more', outputs: 'none' },
});
