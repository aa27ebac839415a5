import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';

/**
 * The current activity's Context, or undefined when the function is called directly (scripts,
 * exports, plain unit tests): the activities then simply run without heartbeats or cancellation.
 */
export function currentActivityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/** Sleeps `ms`, rejecting with the signal's reason (a CancelledFailure in an activity) when aborted. */
export function cancellableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What to throw for an aborted signal: its reason (Temporal sets a CancelledFailure) or an AbortError. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** Failure type of an input an activity refuses (wrong shape, a path outside its workspace, …). */
export const INVALID_INPUT = 'INVALID_INPUT';
/** Failure type of a workspace root the user never opened (in the app or with --workspace). */
export const WORKSPACE_NOT_OPENED = 'WORKSPACE_NOT_OPENED';

/** A non-retryable INVALID_INPUT failure naming the activity and the field. */
export function invalidInput(activity: string, field: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `${activity}: invalid input: ${field}: ${problem}`,
    type: INVALID_INPUT,
    nonRetryable: true,
    details: [{ field }],
  });
}

/** Validates an activity's input; a bad input is a non-retryable failure naming the fields. */
export function parseInput<T>(activity: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
  throw ApplicationFailure.create({
    message: `${activity}: invalid input: ${problems}`,
    type: INVALID_INPUT,
    nonRetryable: true,
  });
}

/** Keeps the last `max` lines pushed into it. */
export class LineTail {
  private readonly lines: string[] = [];
  constructor(private readonly max: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}
