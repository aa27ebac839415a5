import { DEFAULT_HISTORY_THRESHOLD, DEFAULT_RETRY_WINDOW_MS } from '../../definition/node-kinds/dynamic-loop';
import { commentText, durationLiteral, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';
import { emitChildStart, loopGraphExpression } from './package-loop';

/**
 * The dynamic concurrency pattern (see docs/architecture/promise-race-concurrency.md): one child
 * workflow per package, at most N in flight. `fillSlots` starts a child for ready packages until N
 * are in flight without awaiting in between, so every start of one wake-up leaves in the same
 * workflow task; the loop then awaits `Promise.race` over the in-flight children, records the one
 * that settled (its slot frees, its dependents may become ready or blocked) and refills at once.
 * Past the history threshold it stops filling, drains the in-flight children and continues as new
 * with its checkpoint. A build phase that ends with failures may wait for a `retryFailed` signal.
 */
export const emitDynamicLoop: Emitter<'dynamic-loop'> = (statement, ctx) => {
  const { node, stage } = statement;
  const fn = ctx.module.name(`loop:${ctx.workflow.workflowType}:${node.id}`, `run ${node.id} loop`);
  ctx.declareAfter(emitLoopFunction(statement, fn, ctx));
  ctx.importFrom('./shared', 'LoopCheckpoint', true);
  return lines(
    marker(
      node.id,
      `dynamic loop over "${node.data.graph}", at most ${node.data.maxConcurrent} children at once`,
    ),
    `run.results${member(node.id)} = await ${fn}(run, ${loopGraphExpression(node, ctx)}, input.resume?.stage === ${stage} ? input.resume.loop : undefined);`,
  );
};

function emitLoopFunction(
  statement: Parameters<Emitter<'dynamic-loop'>>[0],
  fn: string,
  ctx: EmitContext,
): string {
  const { node, child, stage } = statement;
  const data = node.data;
  const max = data.maxConcurrent;
  const policy = data.policy ?? 'critical-path-first';
  const threshold = data.historyThreshold ?? DEFAULT_HISTORY_THRESHOLD;
  const retryWindowMs = data.retryWindowMs ?? DEFAULT_RETRY_WINDOW_MS;
  const failFast = data.failFast ?? false;
  const wf = ctx.workflow;
  for (const name of ['CancellationScope', 'CancelledFailure', 'continueAsNew', 'log', 'workflowInfo'])
    ctx.importFrom('@temporalio/workflow', name);
  if (failFast) ctx.importFrom('@temporalio/workflow', 'ApplicationFailure');
  if (retryWindowMs > 0) ctx.importFrom('@temporalio/workflow', 'condition');
  ctx.importFrom('./runtime', 'DependencyGraph', true);
  ctx.importFrom('./shared', 'LoopOutcome', true);
  for (const helper of [
    'openLoop',
    'recordOutcome',
    'historyIsLong',
    'checkpointRun',
    'closeLoop',
    'hasFailures',
  ])
    ctx.useHelper(helper);
  if (failFast) ctx.useHelper('failureSummary');

  const onFailure = failFast
    ? lines(
        '      if (!outcome.ok && !children.consideredCancelled) {',
        '        // Fail fast: cancel every child still in flight; the loop ends once they settled.',
        "        log.warn('Package failed: cancelling the running children (fail-fast)', { package: outcome.name });",
        '        children.cancel();',
        '      }',
      )
    : false;
  const afterFailFast = failFast
    ? lines(
        '    if (children.consideredCancelled) {',
        `      const outcome = closeLoop(run, loop, { failWorkflow: false });`,
        `      throw ApplicationFailure.create({ type: 'PackageBuildFailed', message: failureSummary(${literal(node.id)}, outcome), nonRetryable: true });`,
        '    }',
      )
    : false;
  const retry =
    retryWindowMs > 0
      ? lines(
          `    // Retry window: wait up to ${commentText(durationLiteral(retryWindowMs))} for \`retryFailed\` (re-run the failed and blocked packages) or \`finish\`.`,
          "    loop.phase = 'awaiting-retry';",
          `    const signalled = await condition(() => run.retryRequested || run.finishRequested, ${durationLiteral(retryWindowMs)});`,
          '    if (!signalled || run.finishRequested) break;',
          '    run.retryRequested = false;',
          '    loop.tracker.retryFailed();',
          '    loop.failedChildIds = {};',
        )
      : '    break;';

  return lines(
    marker(node.id, 'the dynamic loop'),
    '/**',
    ` * Dynamic loop ${commentText(JSON.stringify(node.id))}: one ${commentText(child.workflowType)} child per package, at most ${max} at once,`,
    ` * ${policy}; continues as new past ${threshold} history events.`,
    ' */',
    `async function ${fn}(run: RunContext<${wf.inputTypeName}>, graph: DependencyGraph, checkpoint: LoopCheckpoint | undefined): Promise<LoopOutcome> {`,
    `  const loop = openLoop(run, ${literal(node.id)}, graph, checkpoint, { maxConcurrent: ${max}, policy: ${literal(policy)}, historyThreshold: ${threshold} });`,
    '  // Every child runs in this scope: cancelling it cancels exactly the children in flight.',
    '  const children = new CancellationScope();',
    '',
    `  // Starts a child for ready packages until ${max} are in flight. Nothing is awaited in between, so`,
    '  // every startChild command of one wake-up goes out in the same workflow task.',
    '  const fillSlots = (): void => {',
    `    while (loop.active.size < ${max}) {`,
    `      const name = loop.tracker.nextReady(${literal(policy)});`,
    '      if (name === undefined) return;',
    '      const attempt = (loop.attempts[name] ?? 0) + 1;',
    '      loop.attempts[name] = attempt;',
    '      const childWorkflowId = `${workflowInfo().workflowId}/${name}#${attempt}`;',
    `      const settled = ${emitChildStart(node, child, ctx)};`,
    '      loop.active.set(name, { attempt, childWorkflowId, startedAt: Date.now(), settled });',
    '    }',
    '  };',
    '',
    '  for (;;) {',
    "    loop.phase = 'building';",
    '    fillSlots();',
    '    // The Promise.race loop: wake up when any child settles, record it, refill the freed slot.',
    '    while (loop.active.size > 0) {',
    '      const outcome = await Promise.race(Array.from(loop.active.values(), (child) => child.settled));',
    '      recordOutcome(loop, outcome);',
    onFailure,
    "      if (loop.phase === 'building' && historyIsLong(loop.historyThreshold)) {",
    '        // Continue-as-new: stop filling and let the children in flight finish (the drain).',
    "        loop.phase = 'draining';",
    '        loop.drainStartedAt = Date.now();',
    `        log.info('History is long: draining before continue-as-new', { node: ${literal(node.id)}, inFlight: loop.active.size });`,
    '      }',
    "      if (loop.phase === 'building' && !children.consideredCancelled) fillSlots();",
    '    }',
    '    if (CancellationScope.current().consideredCancelled) {',
    "      throw new CancelledFailure('Workflow cancelled while building packages');",
    '    }',
    afterFailFast,
    "    if (loop.phase === 'draining' && !loop.tracker.isFinished()) {",
    `      log.info('Drain finished: continuing as new', { node: ${literal(node.id)}, drainMs: Date.now() - loop.drainStartedAt, generation: run.generation + 1 });`,
    `      await continueAsNew<typeof ${wf.workflowType}>({ ...run.input, seed: undefined, resume: checkpointRun(run, ${stage}, loop) });`,
    '    }',
    '    if (!hasFailures(loop) || run.finishRequested) break;',
    retry,
    '  }',
    `  return closeLoop(run, loop, { failWorkflow: ${data.failWorkflow ?? true} });`,
    '}',
  );
}
