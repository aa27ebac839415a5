import type { HelperSource } from '../emitter';

/**
 * The run context pattern: every generated workflow keeps what its query, its signals and
 * continue-as-new need in one `run` object — the results and errors of its nodes, the loop that is
 * running, the children to join — created by `openRun` (from a continue-as-new checkpoint when
 * there is one) and closed by `finishRun`.
 */
export const RUN_CONTEXT_HELPERS: readonly HelperSource[] = [
  {
    name: 'RunContext',
    needs: ['LoopRun'],
    imports: [['./shared', 'RunOptions', true]],
    source: `
/** One run of a generated workflow: what its query, its signals and continue-as-new need. */
interface RunContext<I extends RunOptions = RunOptions> {
  readonly workflowType: string;
  readonly input: I;
  /** When the first run of a continue-as-new chain started. */
  readonly startedAt: string;
  /** How many times the run continued as new. */
  readonly generation: number;
  /** Result of each node that produced one, by node id. */
  readonly results: Record<string, unknown>;
  /** Error message of each node that failed with continueOnFailure, by node id. */
  readonly errors: Record<string, string>;
  /** Children started with mode "start" that the run waits for before it returns. */
  readonly joins: Array<{ nodeId: string; settled: Promise<unknown>; continueOnFailure: boolean }>;
  /** Package failures that fail the run when it reaches its end. */
  readonly failures: string[];
  /** Package loops of this run (this generation), by node id. */
  readonly loops: Map<string, LoopRun>;
  /** The package loop running now, or the last one that ran: what the query reports. */
  loop: LoopRun | undefined;
  retryRequested: boolean;
  finishRequested: boolean;
  finishedAt: string | undefined;
}`,
  },
  {
    name: 'openRun',
    needs: ['RunContext'],
    imports: [
      ['./shared', 'RunOptions', true],
      ['./shared', 'ResumeState', true],
    ],
    source: `
/** The run context of a new run, or of one continuing as new from a checkpoint. */
function openRun<I extends RunOptions>(workflowType: string, input: I): RunContext<I> {
  const resume: ResumeState | undefined = input.resume;
  return {
    workflowType,
    input,
    startedAt: resume?.startedAt ?? new Date().toISOString(),
    generation: resume?.generation ?? 0,
    results: { ...resume?.results },
    errors: { ...resume?.errors },
    joins: [],
    failures: [],
    loops: new Map(),
    loop: undefined,
    retryRequested: resume?.retryRequested ?? false,
    finishRequested: resume?.finishRequested ?? false,
    finishedAt: undefined,
  };
}`,
  },
  {
    name: 'finishRun',
    needs: ['RunContext', 'errorMessage'],
    imports: [
      ['@temporalio/workflow', 'ApplicationFailure'],
      ['./shared', 'RunResult', true],
    ],
    source: `
/**
 * The end of a run: waits for the children started with mode "start", fails the run if a package
 * loop left failed packages, and returns the results of the nodes.
 */
async function finishRun(run: RunContext): Promise<RunResult> {
  for (const join of run.joins) {
    const error = await join.settled;
    if (error === undefined) continue;
    if (!join.continueOnFailure) throw error;
    run.errors[join.nodeId] = errorMessage(error);
  }
  run.finishedAt = new Date().toISOString();
  if (run.failures.length > 0) {
    throw ApplicationFailure.create({ type: 'PackagesFailed', message: run.failures.join('; '), nonRetryable: true });
  }
  return run.results;
}`,
  },
  {
    name: 'valueAt',
    needs: [],
    imports: [],
    source: `
/**
 * Reads a field of run-time data (a run input or a node's result) by path; undefined when absent.
 * Its type comes from where the value goes: the activity or child receiving it validates it.
 */
function valueAt<T = unknown>(value: unknown, ...path: string[]): T {
  let current = value;
  for (const key of path) {
    current =
      current !== null && typeof current === 'object' && Object.hasOwn(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current as T;
}`,
  },
  {
    name: 'errorMessage',
    needs: [],
    imports: [
      ['@temporalio/workflow', 'isCancellation'],
      ['@temporalio/workflow', 'rootCause'],
    ],
    source: `
/** The message of a failure a node continues after; a cancellation is never swallowed. */
function errorMessage(error: unknown): string {
  if (isCancellation(error)) throw error;
  return rootCause(error) ?? String(error);
}`,
  },
];
