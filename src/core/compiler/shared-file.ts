import { commentText, docComment, indent, lines, literal, propertyKey } from './code-writer';
import { inputTypeOf } from './emit-workflow';
import type { WorkflowIR } from './ir';

/**
 * The generated shared.ts: what workflows and clients share, as in Temporal's samples — task queue
 * constants and input types, and for workflows with a package loop the query, the signals and the
 * state types (declared once in the runtime, re-exported here for clients).
 */
export function emitSharedFile(header: string, workflows: readonly WorkflowIR[]): string {
  const orchestrated = workflows.some((w) => w.hasLoop);
  const signals = workflows.some((w) => w.hasRetryWindow);
  const packages = workflows.some((w) => w.inputs.some((i) => i.type === 'packages'));
  const runtimeTypes = [orchestrated && 'RunOptions', packages && 'PackageSpec'].filter(
    (t): t is string => typeof t === 'string',
  );
  const constants = workflows.map((w) =>
    lines(
      `/** Task queue of ${commentText(JSON.stringify(w.name))} (${w.workflowType}). */`,
      `export const ${w.taskQueueConstant} = ${literal(w.taskQueue)};`,
    ),
  );
  const inputs = workflows.map((w) =>
    lines(
      `/** Input of ${commentText(JSON.stringify(w.name))} (${w.workflowType}). */`,
      `export interface ${w.inputTypeName}${w.hasLoop ? ' extends RunOptions' : ''} {`,
      ...w.inputs.map((i) =>
        lines(
          inputDoc(i.description, i.default),
          `  ${propertyKey(i.name)}${i.required ? '' : '?'}: ${inputTypeOf(i)};`,
        ),
      ),
      '}',
    ),
  );
  return lines(
    header,
    runtimeTypes.length > 0 && `import type { ${runtimeTypes.join(', ')} } from './runtime';`,
    '',
    orchestrated &&
      lines(
        `export { getOrchestrationStateQuery${signals ? ', retryFailedSignal, finishSignal' : ''} } from './runtime';`,
        "export type { CompletedPackage, LoopOutcome, OrchestrationState, RunResult, RunSeed } from './runtime';",
        '',
      ),
    constants.join('\n\n'),
    '',
    inputs.join('\n\n'),
    '',
  );
}

/** The doc comment of an input: its description as a sentence, then its default. */
function inputDoc(description: string | undefined, value: unknown): string | false {
  const parts = [
    description !== undefined && sentence(commentText(description)),
    value !== undefined && `Default: ${commentText(JSON.stringify(value))}.`,
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return false;
  const doc = `  /** ${parts.join(' ')} */`;
  return doc.length <= 110 ? doc : indent(docComment([parts.join(' ')], 104));
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
