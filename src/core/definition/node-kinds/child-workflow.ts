import { z } from 'zod';
import {
  ChildInputSchema,
  ChildWorkflowRefSchema,
  ContinueOnFailureSchema,
  DurationMsSchema,
  ParentClosePolicySchema,
  RetryPolicySchema,
  TaskQueueSchema,
} from '../common';
import { defineNodeKind } from './types';

/** Data of a child workflow node. */
export const ChildWorkflowDataSchema = z
  .object({
    workflow: ChildWorkflowRefSchema,
    mode: z
      .enum(['start', 'execute'])
      .describe(
        '`execute` waits for the child’s result; `start` continues once the child started (joined at the end unless abandoned)',
      ),
    taskQueue: TaskQueueSchema.optional().describe(
      'Task queue of the child. Default: the referenced workflow’s',
    ),
    input: ChildInputSchema.optional(),
    workflowExecutionTimeoutMs: DurationMsSchema.optional().describe(
      'Longest time for the child, retries included',
    ),
    workflowRunTimeoutMs: DurationMsSchema.optional().describe('Longest time for one run of the child'),
    retry: RetryPolicySchema.optional().describe('Retry policy of the child workflow. Default: no retries'),
    parentClosePolicy: ParentClosePolicySchema.optional().describe(
      'What happens to the child if this workflow closes first. Default: TERMINATE (Temporal’s). With mode `start`, ABANDON also means the run does not wait for the child',
    ),
    continueOnFailure: ContinueOnFailureSchema,
  })
  .strict()
  .describe('Runs another workflow as a child');
export type ChildWorkflowData = z.infer<typeof ChildWorkflowDataSchema>;

/** The child workflow node kind. */
export const childWorkflowKind = defineNodeKind({
  kind: 'childWorkflow',
  version: 1,
  schema: ChildWorkflowDataSchema,
  defaultData: { mode: 'execute' },
  display: {
    label: 'Child workflow',
    description:
      'Runs another workflow as a child: execute (wait for its result) or start (continue right away).',
    category: 'children',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
