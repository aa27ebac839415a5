import { z } from 'zod';
import { ContinueOnFailureSchema, DurationMsSchema, RetryPolicySchema, ValueSchema } from '../common';
import { defineNodeKind } from './types';

/** Data of an activity node: one call of a built-in activity. */
export const ActivityDataSchema = z
  .object({
    activity: z
      .string()
      .min(1, 'choose an activity')
      .max(100)
      .describe('Name of a built-in activity (see the activity catalog), e.g. buildPackage'),
    args: z
      .array(ValueSchema)
      .max(20)
      .optional()
      .describe(
        'Arguments, checked against the activity signature; values may be `{ "$ref": … }`. Default: none',
      ),
    startToCloseTimeoutMs: DurationMsSchema.optional().describe(
      'Longest single attempt. Default: the activity’s own default from the catalog',
    ),
    scheduleToCloseTimeoutMs: DurationMsSchema.optional().describe('Longest time for all attempts together'),
    heartbeatTimeoutMs: DurationMsSchema.optional().describe(
      'Longest silence between heartbeats. Default: the catalog’s, if any',
    ),
    retry: RetryPolicySchema.optional(),
    local: z
      .boolean()
      .optional()
      .describe(
        'Run as a local activity: inside the workflow task, recorded as a marker — saves the activity dispatch and a ' +
          'second workflow task (docs/architecture/performance.md). Only for short calls: no heartbeats (a heartbeat ' +
          'timeout is not allowed), and a cancellation reaches it only through the workflow. Default: false',
      ),
    continueOnFailure: ContinueOnFailureSchema,
  })
  .strict()
  .describe('Calls a built-in activity');
export type ActivityData = z.infer<typeof ActivityDataSchema>;

/** The activity node kind. */
export const activityKind = defineNodeKind({
  kind: 'activity',
  version: 1,
  schema: ActivityDataSchema,
  defaultData: { activity: 'greet', args: ['World'] },
  display: {
    label: 'Activity',
    description:
      'Calls a built-in activity with timeouts and a retry policy; its result is `$result.<node>`.',
    category: 'activities',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
