import { docComment, lines, literal, member } from '../code-writer';
import type { EmitContext, Emitter } from '../emitter';
import { marker } from './markers';
import { emitStartPackage, loopGraphExpression, loopSignature } from './package-loop';

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
  return lines(marker(node), `run.results${member(node.id)} = await ${fn}(run, ${loopGraphExpression(node, ctx)});`);
};

function emitBatchFunction(statement: Parameters<Emitter<'batch-loop'>>[0], fn: string, ctx: EmitContext): string {
  const { node, child } = statement;
  const size = node.data.batchSize;
  const failFast = node.data.failFast ?? false;
  for (const name of ['openLoop', 'closeLoop']) ctx.importFrom('./runtime', name);
  if (failFast) ctx.importFrom('./runtime', 'failFast');
  return lines(
    marker(node),
    docComment([
      `One ${child.workflowType} child per package, in batches of ${size}: each batch waits for all of its children, however early some finish, before the next one starts.${failFast ? ' A failure fails the run after its batch.' : ''}`,
    ]),
    loopSignature(fn, ctx, false),
    `  const loop = openLoop(run, ${literal(node.id)}, graph, undefined, { maxConcurrent: ${size}, policy: 'fifo', historyThreshold: 0 });`,
    emitStartPackage(node, child, ctx),
    '',
    `  for (let batch = loop.takeReady(${size}); batch.length > 0; batch = loop.takeReady(${size})) {`,
    '    const outcomes = await Promise.all(batch.map((name) => loop.startPackage(name, startPackage)));',
    '    for (const outcome of outcomes) loop.record(outcome);',
    '    loop.throwIfCancelled();',
    failFast && '    if (outcomes.some((outcome) => !outcome.ok)) throw failFast(loop);',
    '  }',
    `  return closeLoop(run, loop, { failWorkflow: ${node.data.failWorkflow ?? true} });`,
    '}',
  );
}
