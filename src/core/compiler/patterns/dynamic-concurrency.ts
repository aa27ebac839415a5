import { DEFAULT_HISTORY_THRESHOLD, MAX_CONCURRENT_CHILDREN } from '../../definition/node-kinds/dynamic-loop';
import { commentText, docComment, durationLiteral, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { retryWindowOf } from '../lower';
import { marker } from './markers';
import { emitStartPackage, loopGraphExpression, loopSignature } from './package-loop';

/**
 * The dynamic concurrency pattern (see docs/architecture/promise-race-concurrency.md): one child
 * workflow per package, at most N in flight. The runtime's `PackageLoop.build` starts children for
 * ready packages without awaiting in between (so every start of one wake-up leaves in the same
 * workflow task), awaits `Promise.race` over the children in flight and refills each freed slot.
 * The generated function spells out what happens after a build phase: fail fast, continue as new
 * with a checkpoint when the history grew long, wait for a `retryFailed` signal after failures.
 */
export const emitDynamicLoop: Emitter<'dynamic-loop'> = (statement, ctx) => {
  const { node, stage } = statement;
  const fn = ctx.module.name(`loop:${ctx.workflow.workflowType}:${node.id}`, `run ${node.id} loop`);
  ctx.declareAfter(emitLoopFunction(statement, fn, ctx));
  return lines(
    marker(node),
    `run.results${member(node.id)} = await ${fn}(run, ${loopGraphExpression(node, ctx)}, input.resume?.stage === ${stage} ? input.resume.loop : undefined);`,
  );
};

function emitLoopFunction(statement: Parameters<Emitter<'dynamic-loop'>>[0], fn: string, ctx: EmitContext): string {
  const { node, child, stage } = statement;
  const data = node.data;
  const max = data.maxConcurrent;
  const policy = data.policy ?? 'critical-path-first';
  const threshold = data.historyThreshold ?? DEFAULT_HISTORY_THRESHOLD;
  const retryWindowMs = retryWindowOf(node);
  const failFast = data.failFast ?? false;
  const remediation = data.remediation;
  ctx.importFrom('@temporalio/workflow', 'continueAsNew');
  for (const name of ['openLoop', 'checkpointRun', 'closeLoop', 'concurrencyOf']) ctx.importFrom('./runtime', name);
  if (failFast) ctx.importFrom('./runtime', 'failFast');
  if (retryWindowMs > 0) ctx.importFrom('./runtime', 'awaitRetry');

  const buildOptions = [failFast && 'failFast: true', remediation && 'remediate'].filter(Boolean);
  const phase = lines(
    `await loop.build(startPackage${buildOptions.length > 0 ? `, { ${buildOptions.join(', ')} }` : ''});`,
    failFast && 'if (loop.failedFast) throw failFast(loop);',
    `if (loop.mustContinueAsNew) await continueAsNew<typeof ${ctx.workflow.workflowType}>(checkpointRun(run, ${stage}, loop));`,
  );
  const window = durationLiteral(retryWindowMs);
  const build =
    retryWindowMs > 0
      ? lines(
          'for (;;) {',
          phase,
          `  // After failures, wait up to ${commentText(window.replace(/["']/g, ''))} for \`retryFailed\` (build the failed and blocked packages again) or \`finish\`.`,
          `  if (!loop.hasFailures() || !(await awaitRetry(run, loop, ${window}))) break;`,
          '}',
        )
      : phase;
  return lines(
    marker(node),
    docComment([
      `One ${child.workflowType} child per package, at most ${max} at once (or the run's maxConcurrent), ${policy}; continues as new past ${threshold} history events.${failFast ? ' The first failure cancels the children in flight and fails the run.' : ''}${remediation ? ` A failed package is remediated with the allowed command "${remediation.command}", then built once more.` : ''}`,
    ]),
    loopSignature(fn, ctx, true),
    `  const loop = openLoop(run, ${literal(node.id)}, graph, checkpoint, { maxConcurrent: concurrencyOf(run, ${max}, ${MAX_CONCURRENT_CHILDREN}), policy: ${literal(policy)}, historyThreshold: ${threshold} });`,
    emitStartPackage(node, child, ctx, remediation),
    '',
    build,
    `  return closeLoop(run, loop, { failWorkflow: ${data.failWorkflow ?? true} });`,
    '}',
  );
}
