import type { Emitter } from '../emitter';
import type { StatementOf, StatementType } from '../ir';
import { emitActivity } from './activity';
import { emitBatchLoop } from './batch-loop';
import { emitChildWorkflow } from './child-workflow';
import { emitCondition } from './condition';
import { emitDependencyGraph } from './dependency-graph';
import { emitDynamicLoop } from './dynamic-concurrency';
import { emitParallel } from './parallel';
import { emitReport } from './report';
import { emitEnd, emitStart } from './start-end';

/** One emitter per statement type. Adding a pattern: a statement type in ir.ts, its emitter here. */
export const EMITTERS: { readonly [T in StatementType]: Emitter<T> } = {
  start: emitStart,
  end: emitEnd,
  activity: emitActivity,
  'child-workflow': emitChildWorkflow,
  'dependency-graph': emitDependencyGraph,
  'dynamic-loop': emitDynamicLoop,
  'batch-loop': emitBatchLoop,
  condition: emitCondition,
  parallel: emitParallel,
  report: emitReport,
};

/** Dispatches a statement to its emitter. */
export function emitStatement<T extends StatementType>(
  statement: StatementOf<T>,
  ctx: Parameters<Emitter<T>>[1],
): string {
  return (EMITTERS[statement.type] as Emitter<T>)(statement, ctx);
}
