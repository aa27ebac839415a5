import { z } from 'zod';
import {
  ChildInputSchema,
  ChildWorkflowRefSchema,
  DurationMsSchema,
  NodeIdRefSchema,
  TaskQueueSchema,
} from '../common';
import { CommandNameSchema } from '../../settings/worker-policy';
import { defineNodeKind } from './types';

/** History length (events) past which a dynamic loop continues as new, unless set. */
export const DEFAULT_HISTORY_THRESHOLD = 2000;
/** How long a loop that ended with failures waits for `retryFailed`, unless set: not at all. */
export const DEFAULT_RETRY_WINDOW_MS = 0;
/** Most children a package loop may run at once. */
export const MAX_CONCURRENT_CHILDREN = 64;

/** Fields shared by the dynamic and the batch loop. */
export const loopFields = {
  graph: NodeIdRefSchema.describe('The dependencyGraph node whose packages this loop builds'),
  child: ChildWorkflowRefSchema.describe('The workflow run once per package, as a child'),
  taskQueue: TaskQueueSchema.optional().describe('Task queue of the children. Default: the child workflow’s'),
  dependencyMode: z
    .enum(['on', 'off'])
    .optional()
    .describe('`on`: a package starts after its dependencies completed; `off`: in any order. Default: on'),
  failFast: z
    .boolean()
    .optional()
    .describe(
      'On the first failure, cancel the running children and fail the run with a summary. Default: false',
    ),
  childInput: ChildInputSchema.optional().describe(
    'Extra fields of each child’s input next to runId, packageName and attempt, e.g. `{ "simulatedDurationMs": { "$ref": "$package.estimatedDurationMs" } }`',
  ),
  childExecutionTimeoutMs: DurationMsSchema.optional().describe(
    'Longest time for one child, retries included',
  ),
  failWorkflow: z
    .boolean()
    .optional()
    .describe('Fail the run when it reaches its end with failed packages (after reports ran). Default: true'),
};

/**
 * Remediation of a failed package: an allowed command (a name from Settings → Commands, never a
 * program), run in the package's folder by the loop's child workflow, then one rebuild.
 */
export const RemediationSchema = z
  .object({
    command: CommandNameSchema.describe(
      'Name of a command in Settings → Commands, e.g. "clean" (rm -rf dist). Workers run only commands of their allow-list',
    ),
  })
  .strict();
export type Remediation = z.infer<typeof RemediationSchema>;

/** Data of a dynamic loop node: the Promise.race pattern. */
export const DynamicLoopDataSchema = z
  .object({
    ...loopFields,
    maxConcurrent: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(MAX_CONCURRENT_CHILDREN, `must be at most ${MAX_CONCURRENT_CHILDREN}`)
      .describe('Children running at once: a new one starts as soon as any finishes'),
    policy: z
      .enum(['critical-path-first', 'fifo'])
      .optional()
      .describe('Which ready package gets a free slot. Default: critical-path-first'),
    historyThreshold: z
      .number()
      .int()
      .min(100, 'must be at least 100 events')
      .max(40_000, 'must be at most 40000 events (Temporal warns at 10240, stops at 51200)')
      .optional()
      .describe(
        `History events after which the run drains and continues as new. Default: ${DEFAULT_HISTORY_THRESHOLD}`,
      ),
    retryWindowMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3_600_000)
      .optional()
      .describe(
        'After a build phase with failures, how long to wait for `retryFailed` or `finish`. Default: 0 (do not wait)',
      ),
    remediation: RemediationSchema.optional().describe(
      'Off unless set. After a package fails: run this allowed command in the package folder (the child workflow with `command` and no scripts, through executeChild), then build the package once more. Needs real builds (workspaceRoot in childInput) and a child with `command` and `scripts` inputs',
    ),
  })
  .strict()
  .describe(
    'Builds every package as a child workflow, at most maxConcurrent at once, refilling each slot as soon as it frees',
  );
export type DynamicLoopData = z.infer<typeof DynamicLoopDataSchema>;

/** The dynamic loop node kind. */
export const dynamicLoopKind = defineNodeKind({
  kind: 'dynamicLoop',
  version: 1,
  schema: DynamicLoopDataSchema,
  defaultData: { maxConcurrent: 4, policy: 'critical-path-first', dependencyMode: 'on' },
  display: {
    label: 'Dynamic loop',
    description:
      'One child workflow per package, N at a time: a free slot is refilled the moment any child finishes (Promise.race). Continues as new on long histories; failed packages can be retried.',
    category: 'packages',
  },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});
