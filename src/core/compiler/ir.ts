import type { ActivityCatalogEntry } from '../activities/types';
import type { ResolvedChildWorkflow } from '../definition/common';
import type { InputSpec } from '../definition/settings';
import type { NodeOf } from '../definition/workflow-definition';

/**
 * The compiler's intermediate representation: a workflow as a tree of statements, in the spirit of
 * the DSL sample's `Statement` union (`activity | sequence | parallel`), extended with the patterns
 * this product compiles. Everything an emitter needs is resolved here (catalog entries, child
 * workflow types, stages), so emitters never look anything up.
 */
export type Statement =
  | { readonly type: 'start'; readonly node: NodeOf<'start'> }
  | { readonly type: 'end'; readonly node: NodeOf<'end'> }
  | { readonly type: 'activity'; readonly node: NodeOf<'activity'>; readonly activity: ActivityCatalogEntry }
  | {
      readonly type: 'child-workflow';
      readonly node: NodeOf<'childWorkflow'>;
      readonly child: ResolvedChildWorkflow;
    }
  | { readonly type: 'dependency-graph'; readonly node: NodeOf<'dependencyGraph'> }
  | {
      readonly type: 'dynamic-loop';
      readonly node: NodeOf<'dynamicLoop'>;
      readonly child: ResolvedChildWorkflow;
      /** Continue-as-new resume point: index of this loop among the workflow's dynamic loops, from 1. */
      readonly stage: number;
    }
  | { readonly type: 'batch-loop'; readonly node: NodeOf<'batchLoop'>; readonly child: ResolvedChildWorkflow }
  | {
      readonly type: 'condition';
      readonly node: NodeOf<'condition'>;
      readonly whenTrue: Statement[];
      readonly whenFalse: Statement[];
    }
  | { readonly type: 'parallel'; readonly nodeId: string; readonly branches: Statement[][] }
  | { readonly type: 'report'; readonly node: NodeOf<'report'> };

/** The kinds of statement, i.e. the keys of the emitter registry. */
export type StatementType = Statement['type'];

/** A statement of one type. */
export type StatementOf<T extends StatementType> = Extract<Statement, { type: T }>;

/** One workflow, lowered. */
export interface WorkflowIR {
  readonly definitionId: string;
  readonly version: number;
  readonly name: string;
  readonly description: string | undefined;
  /** Registered workflow type and name of the exported function: `PackageBuild_v3`. */
  readonly workflowType: string;
  readonly taskQueue: string;
  /** Name of its input interface in shared.ts: `PackageBuildV3Input`. */
  readonly inputTypeName: string;
  /** Name of its task queue constant in shared.ts: `PACKAGE_BUILD_V3_TASK_QUEUE`. */
  readonly taskQueueConstant: string;
  readonly inputs: readonly InputSpec[];
  /** The top-level sequence. */
  readonly body: readonly Statement[];
  /** Number of dynamic loops, i.e. continue-as-new resume points. */
  readonly stages: number;
  /** Whether any statement is a package loop: the run then answers the orchestration query. */
  readonly hasLoop: boolean;
  /** Whether a dynamic loop has a retry window: the run then handles `retryFailed` and `finish`. */
  readonly hasRetryWindow: boolean;
}
