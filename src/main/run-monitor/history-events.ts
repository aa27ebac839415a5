/**
 * Event types of a workflow history (temporal.api.enums.v1.EventType), the subset the runtime
 * reads. Numbers as in the proto definition, which never renumbers.
 */
export const EventType = {
  WorkflowExecutionStarted: 1,
  WorkflowExecutionCompleted: 2,
  WorkflowExecutionFailed: 3,
  WorkflowExecutionTimedOut: 4,
  WorkflowTaskScheduled: 5,
  WorkflowTaskStarted: 6,
  WorkflowTaskCompleted: 7,
  WorkflowTaskTimedOut: 8,
  WorkflowTaskFailed: 9,
  ActivityTaskScheduled: 10,
  ActivityTaskCompleted: 12,
  ActivityTaskFailed: 13,
  ActivityTaskTimedOut: 14,
  ActivityTaskCanceled: 16,
  TimerFired: 18,
  WorkflowExecutionCancelRequested: 20,
  WorkflowExecutionCanceled: 21,
  WorkflowExecutionSignaled: 26,
  WorkflowExecutionTerminated: 27,
  WorkflowExecutionContinuedAsNew: 28,
  StartChildWorkflowExecutionInitiated: 29,
  StartChildWorkflowExecutionFailed: 30,
  ChildWorkflowExecutionStarted: 31,
  ChildWorkflowExecutionCompleted: 32,
  ChildWorkflowExecutionFailed: 33,
  ChildWorkflowExecutionCanceled: 34,
  ChildWorkflowExecutionTimedOut: 35,
  ChildWorkflowExecutionTerminated: 36,
} as const;

/** The events after which the orchestration state may have changed: the monitor asks the query. */
export const STATE_CHANGING_EVENTS: ReadonlySet<number> = new Set([
  EventType.WorkflowExecutionStarted,
  EventType.ActivityTaskCompleted,
  EventType.ActivityTaskFailed,
  EventType.ActivityTaskTimedOut,
  EventType.TimerFired,
  EventType.WorkflowExecutionSignaled,
  EventType.WorkflowExecutionCancelRequested,
  EventType.StartChildWorkflowExecutionFailed,
  EventType.ChildWorkflowExecutionStarted,
  EventType.ChildWorkflowExecutionCompleted,
  EventType.ChildWorkflowExecutionFailed,
  EventType.ChildWorkflowExecutionCanceled,
  EventType.ChildWorkflowExecutionTimedOut,
  EventType.ChildWorkflowExecutionTerminated,
  EventType.WorkflowExecutionCompleted,
  EventType.WorkflowExecutionFailed,
  EventType.WorkflowExecutionTimedOut,
  EventType.WorkflowExecutionCanceled,
  EventType.WorkflowExecutionTerminated,
]);

/**
 * State-changing events that cannot change a package loop that has finished: an activity's or a
 * timer's end (a report written, a wait over). Another loop would start children first.
 */
export const AFTER_LOOP_EVENTS: ReadonlySet<number> = new Set([
  EventType.ActivityTaskCompleted,
  EventType.ActivityTaskFailed,
  EventType.ActivityTaskTimedOut,
  EventType.TimerFired,
]);

/** Close events of a workflow run and the run status each one means. */
export const CLOSE_STATUS: ReadonlyMap<
  number,
  'completed' | 'failed' | 'timed_out' | 'cancelled' | 'terminated' | 'continued_as_new'
> = new Map([
  [EventType.WorkflowExecutionCompleted, 'completed'],
  [EventType.WorkflowExecutionFailed, 'failed'],
  [EventType.WorkflowExecutionTimedOut, 'timed_out'],
  [EventType.WorkflowExecutionCanceled, 'cancelled'],
  [EventType.WorkflowExecutionTerminated, 'terminated'],
  [EventType.WorkflowExecutionContinuedAsNew, 'continued_as_new'],
] as const);

/** The closing events of a child workflow, as seen in the parent's history. */
export const CHILD_CLOSE_EVENTS: ReadonlySet<number> = new Set([
  EventType.ChildWorkflowExecutionCompleted,
  EventType.ChildWorkflowExecutionFailed,
  EventType.ChildWorkflowExecutionCanceled,
  EventType.ChildWorkflowExecutionTimedOut,
  EventType.ChildWorkflowExecutionTerminated,
]);

/** The bits of a history event the runtime reads (structurally a temporal.api.history.v1.IHistoryEvent). */
/** A Temporal failure as the history carries it: a message and the failure that caused it. */
export interface FailureLike {
  message?: string | null;
  cause?: FailureLike | null;
}

export interface HistoryEventLike {
  eventId?: unknown;
  eventType?: number | null;
  eventTime?: { seconds?: unknown; nanos?: number | null } | null;
  workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string | null } | null;
  workflowExecutionFailedEventAttributes?: { failure?: FailureLike | null } | null;
  workflowExecutionTerminatedEventAttributes?: { reason?: string | null } | null;
  startChildWorkflowExecutionInitiatedEventAttributes?: { workflowId?: string | null } | null;
  startChildWorkflowExecutionFailedEventAttributes?: {
    workflowId?: string | null;
    initiatedEventId?: unknown;
  } | null;
  childWorkflowExecutionStartedEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
  } | null;
  childWorkflowExecutionCompletedEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
    result?: { payloads?: Array<{ data?: Uint8Array | null } | null> | null } | null;
  } | null;
  childWorkflowExecutionFailedEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
  } | null;
  childWorkflowExecutionCanceledEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
  } | null;
  childWorkflowExecutionTimedOutEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
  } | null;
  childWorkflowExecutionTerminatedEventAttributes?: {
    workflowExecution?: { workflowId?: string | null } | null;
  } | null;
}

/** The event's time as a Date (Long or number seconds). */
export function eventTime(event: HistoryEventLike): Date | undefined {
  const t = event.eventTime;
  if (!t) return undefined;
  const seconds = Number(t.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6));
}

/**
 * A completed child's result, decoded from its first payload (the default converter's
 * `json/plain`); undefined when there is none or it is not JSON.
 */
export function completedChildResult(event: HistoryEventLike): unknown {
  const data = event.childWorkflowExecutionCompletedEventAttributes?.result?.payloads?.[0]?.data;
  if (!data) return undefined;
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The child workflow id a child event is about. */
export function childWorkflowIdOf(event: HistoryEventLike): string | undefined {
  return (
    event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ??
    event.startChildWorkflowExecutionFailedEventAttributes?.workflowId ??
    event.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId ??
    event.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId ??
    event.childWorkflowExecutionFailedEventAttributes?.workflowExecution?.workflowId ??
    event.childWorkflowExecutionCanceledEventAttributes?.workflowExecution?.workflowId ??
    event.childWorkflowExecutionTimedOutEventAttributes?.workflowExecution?.workflowId ??
    event.childWorkflowExecutionTerminatedEventAttributes?.workflowExecution?.workflowId ??
    undefined
  );
}
