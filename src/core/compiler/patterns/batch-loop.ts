import { commentText, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';
import { emitChildStart, loopGraphExpression } from './package-loop';

/**
 * The batch loop pattern, the older one kept for comparison: take up to `batchSize` ready
 * packages, start them all, wait for the whole batch (`Promise.all`), record, repeat. A slot whose
 * child finished early stays idle until the batch's slowest child is done — the cost the dynamic
 * loop removes. No continue-as-new and no retry window.
 */
export const emitBatchLoop: Emitter<'batch-loop'> = (statement, ctx) => {
  const { node } = statement;
  const fn = ctx.module.name(`loop:${ctx.workflow.workflowType}:${node.id}`, `run ${node.id} batches`);
  ctx.declareAfter(emitBatchFunction(statement, fn, ctx));
  return lines(
    marker(node.id, `batch loop over "${node.data.graph}", batches of ${node.data.batchSize}`),
    `run.results${member(node.id)} = await ${fn}(run, ${loopGraphExpression(node, ctx)});`,
  );
};

function emitBatchFunction(
  statement: Parameters<Emitter<'batch-loop'>>[0],
  fn: string,
  ctx: EmitContext,
): string {
  const { node, child } = statement;
  const size = node.data.batchSize;
  const failFast = node.data.failFast ?? false;
  for (const name of ['CancellationScope', 'CancelledFailure']) ctx.importFrom('@temporalio/workflow', name);
  if (failFast) ctx.importFrom('@temporalio/workflow', 'ApplicationFailure');
  ctx.importFrom('./runtime', 'DependencyGraph', true);
  ctx.importFrom('./shared', 'LoopOutcome', true);
  for (const helper of ['openLoop', 'recordOutcome', 'closeLoop']) ctx.useHelper(helper);
  if (failFast) ctx.useHelper('failureSummary');
  return lines(
    marker(node.id, 'the batch loop'),
    '/**',
    ` * Batch loop ${commentText(JSON.stringify(node.id))}: one ${commentText(child.workflowType)} child per package, in batches of ${size};`,
    ' * each batch waits for all of its children before the next one starts.',
    ' */',
    `async function ${fn}(run: RunContext<${ctx.workflow.inputTypeName}>, graph: DependencyGraph): Promise<LoopOutcome> {`,
    `  const loop = openLoop(run, ${literal(node.id)}, graph, undefined, { maxConcurrent: ${size}, policy: 'fifo', historyThreshold: 0 });`,
    '  const children = new CancellationScope();',
    '  const startPackage = (name: string): Promise<ChildOutcome> => {',
    '    const attempt = (loop.attempts[name] ?? 0) + 1;',
    '    loop.attempts[name] = attempt;',
    '    const childWorkflowId = `${workflowInfo().workflowId}/${name}#${attempt}`;',
    `    const settled = ${emitChildStart(node, child, ctx)};`,
    '    loop.active.set(name, { attempt, childWorkflowId, startedAt: Date.now(), settled });',
    '    return settled;',
    '  };',
    '',
    '  for (;;) {',
    '    const batch: string[] = [];',
    `    while (batch.length < ${size}) {`,
    "      const name = loop.tracker.nextReady('fifo');",
    '      if (name === undefined) break;',
    '      batch.push(name);',
    '    }',
    '    if (batch.length === 0) break;',
    '    // Wait for the whole batch, however early some of its children finish.',
    '    const outcomes = await Promise.all(batch.map((name) => startPackage(name)));',
    '    for (const outcome of outcomes) recordOutcome(loop, outcome);',
    '    if (CancellationScope.current().consideredCancelled) {',
    "      throw new CancelledFailure('Workflow cancelled while building packages');",
    '    }',
    failFast &&
      lines(
        '    if (outcomes.some((outcome) => !outcome.ok)) {',
        '      // Fail fast: no further batch.',
        '      const outcome = closeLoop(run, loop, { failWorkflow: false });',
        `      throw ApplicationFailure.create({ type: 'PackageBuildFailed', message: failureSummary(${literal(node.id)}, outcome), nonRetryable: true });`,
        '    }',
      ),
    '  }',
    `  return closeLoop(run, loop, { failWorkflow: ${node.data.failWorkflow ?? true} });`,
    '}',
  );
}
