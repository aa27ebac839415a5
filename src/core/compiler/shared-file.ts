import { commentText, lines, literal, propertyKey } from './code-writer';
import { inputTypeOf } from './emit-workflow';
import type { WorkflowIR } from './ir';
import { SHARED_STATE_DECLARATIONS } from './patterns/orchestration-state';

/**
 * The generated shared.ts: what workflows and clients share, as in Temporal's samples — task queue
 * constants, the query and the signals, the input and state types. Imports only
 * @temporalio/workflow (defineQuery, defineSignal) and types of ./runtime.
 */
export function emitSharedFile(header: string, workflows: readonly WorkflowIR[]): string {
  const constants = workflows.map((w) =>
    lines(
      `/** Task queue of ${commentText(JSON.stringify(w.name))} (${w.workflowType}). */`,
      `export const ${w.taskQueueConstant} = ${literal(w.taskQueue)};`,
    ),
  );
  const inputs = workflows.map((w) =>
    lines(
      `/** Input of ${commentText(JSON.stringify(w.name))} (${w.workflowType}). */`,
      `export interface ${w.inputTypeName} extends RunOptions {`,
      ...w.inputs.map((i) =>
        lines(
          i.description !== undefined &&
            `  /** ${commentText(i.description)}${i.default === undefined ? '' : ` Default: ${commentText(JSON.stringify(i.default))}.`} */`,
          i.description === undefined &&
            i.default !== undefined &&
            `  /** Default: ${commentText(JSON.stringify(i.default))}. */`,
          `  ${propertyKey(i.name)}${i.required ? '' : '?'}: ${inputTypeOf(i)};`,
        ),
      ),
      '}',
    ),
  );
  return lines(
    header,
    "import { defineQuery, defineSignal } from '@temporalio/workflow';",
    "import type { DependencyGraphJSON, PackageSpec, ReadyTrackerJSON, SchedulingPolicy } from './runtime';",
    '',
    constants.join('\n\n'),
    SHARED_STATE_DECLARATIONS,
    '',
    RUN_TYPES,
    '',
    inputs.join('\n\n'),
    '',
  );
}

const RUN_TYPES = `/** Inputs every generated workflow accepts next to its own. */
export interface RunOptions {
  /** Retry of a closed run: the packages its predecessor completed are not built again. */
  seed?: RunSeed;
  /** Estimated duration (ms) of packages, from earlier builds: orders critical-path-first, feeds the ETA. */
  estimatedDurationsMs?: Record<string, number>;
  /** Set by continue-as-new only: where and with what state the next run resumes. */
  resume?: ResumeState;
}

/** Packages a retried run does not build again: names, or the \`completed\` entries of the state query. */
export interface RunSeed {
  completed: Array<string | { name: string; durationMs?: number; childWorkflowId?: string }>;
  /** Workflow id of the run being retried. */
  previousWorkflowId?: string;
}

/** What continue-as-new carries into the next run. */
export interface ResumeState {
  /** The dynamic loop the next run resumes at (1 = the first). */
  stage: number;
  generation: number;
  startedAt: string;
  results: Record<string, unknown>;
  errors: Record<string, string>;
  retryRequested: boolean;
  finishRequested: boolean;
  loop: LoopCheckpoint;
}

/** A package loop's state at continue-as-new (no child is running then). */
export interface LoopCheckpoint {
  nodeId: string;
  graph: DependencyGraphJSON;
  tracker: ReadyTrackerJSON;
  completed: CompletedPackage[];
  failedChildIds: Record<string, string>;
  attempts: Record<string, number>;
  estimatedDurationsMs: Record<string, number>;
}

/** What a package loop node leaves in the results. */
export interface LoopOutcome {
  packages: number;
  completed: number;
  failed: Array<{ name: string; error: string }>;
  blocked: Array<{ name: string; blockedBy: string }>;
}

/** Result of a generated workflow: the result of each node that produced one, by node id. */
export type RunResult = Record<string, unknown>;

/** Input of the child workflow a package loop starts for each package (plus its childInput fields). */
export interface PackageChildInput {
  /** Workflow id of the parent run (names the log folder). */
  runId: string;
  packageName: string;
  /** 1 for the first build, +1 per retry. */
  attempt: number;
}

export type { PackageSpec };`;
