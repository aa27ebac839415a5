import type { RetryPolicy } from '../../definition/common';
import { findActivity } from '../../activities/catalog';
import { durationLiteral, literal } from '../code-writer';

/** A retry policy of a definition (milliseconds) as Temporal's `RetryPolicy` object literal. */
export function retryPolicyLiteral(retry: RetryPolicy): string {
  const fields = [
    retry.initialIntervalMs !== undefined && `initialInterval: ${durationLiteral(retry.initialIntervalMs)}`,
    retry.backoffCoefficient !== undefined && `backoffCoefficient: ${retry.backoffCoefficient}`,
    retry.maximumIntervalMs !== undefined && `maximumInterval: ${durationLiteral(retry.maximumIntervalMs)}`,
    retry.maximumAttempts !== undefined && `maximumAttempts: ${retry.maximumAttempts}`,
    retry.nonRetryableErrorTypes !== undefined &&
      `nonRetryableErrorTypes: ${literal(retry.nonRetryableErrorTypes)}`,
  ].filter((f): f is string => typeof f === 'string');
  return `{ ${fields.join(', ')} }`;
}

/** `name: value` option fields, leaving out undefined values. */
export function optionFields(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value},`);
}

/** The catalog's default start-to-close timeout of a built-in activity, as a duration literal. */
export function catalogTimeout(activity: string): string {
  return durationLiteral(findActivity(activity)?.defaultTimeouts.startToCloseMs ?? 60_000);
}
