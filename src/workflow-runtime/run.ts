/**
 * The run context every generated workflow keeps: the results and errors of its nodes, the
 * children it joins before returning, and the package failures that fail it at its end.
 */
import { ApplicationFailure, isCancellation, rootCause } from '@temporalio/workflow';
import type { ResumeState, RunResult } from './types';

/** A child started with mode "start" that the run waits for before it returns. */
export interface ChildJoin {
  readonly nodeId: string;
  /** Resolves to undefined when the child completed, to its error when it failed. */
  readonly settled: Promise<unknown>;
  readonly continueOnFailure: boolean;
}

/** One run of a generated workflow. */
export interface RunContext<I = unknown> {
  readonly input: I;
  /**
   * Result of each node that produced one, by node id. Values are JSON data: whoever receives one
   * (an activity, a child workflow) validates it, so it is typed at the point of use.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  readonly results: Record<string, any>;
  /** Error message of each node that failed with continueOnFailure, by node id. */
  readonly errors: Record<string, string>;
  readonly joins: ChildJoin[];
  /** Package failures that fail the run when it reaches its end. */
  readonly failures: string[];
  /** When the first run of a continue-as-new chain started (ISO, workflow time). */
  readonly startedAt: string;
  /** How many times the run continued as new. */
  readonly generation: number;
  finishedAt: string | undefined;
}

/** The context of a new run, or of one continuing as new from `resume`. */
export function openRun<I>(input: I, resume?: ResumeState): RunContext<I> {
  return {
    input,
    results: { ...resume?.results },
    errors: { ...resume?.errors },
    joins: [],
    failures: [],
    startedAt: resume?.startedAt ?? new Date().toISOString(),
    generation: resume?.generation ?? 0,
    finishedAt: undefined,
  };
}

/** Registers a started child whose result the run waits for in `finishRun`. */
export function joinChild(
  run: RunContext,
  nodeId: string,
  child: { result(): Promise<unknown> },
  continueOnFailure: boolean,
): void {
  const settled = child.result().then(
    () => undefined,
    (error: unknown) => error,
  );
  run.joins.push({ nodeId, settled, continueOnFailure });
}

/**
 * The end of a run: waits for the joined children, fails the run if a package loop left failed
 * packages, and returns the results of the nodes.
 */
export async function finishRun(run: RunContext): Promise<RunResult> {
  for (const join of run.joins) {
    const error = await join.settled;
    if (error === undefined) continue;
    if (!join.continueOnFailure) throw error;
    run.errors[join.nodeId] = errorMessage(error);
  }
  run.finishedAt = new Date().toISOString();
  if (run.failures.length > 0) {
    throw ApplicationFailure.create({
      type: 'PackagesFailed',
      message: run.failures.join('; '),
      nonRetryable: true,
    });
  }
  return run.results;
}

/** The message of a failure a node continues after; a cancellation is never swallowed. */
export function errorMessage(error: unknown): string {
  if (isCancellation(error)) throw error;
  return rootCause(error) ?? String(error);
}

/**
 * Reads a field of run-time data (a run input or a node's result) by path; undefined when absent.
 * Only own properties are followed, so a path such as `__proto__` reads nothing. Its type comes
 * from where the value goes: the activity or child receiving it validates it.
 */
export function valueAt<T = unknown>(value: unknown, ...path: string[]): T {
  let current = value;
  for (const key of path) {
    current =
      current !== null && typeof current === 'object' && Object.hasOwn(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current as T;
}
