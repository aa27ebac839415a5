import { commentText, docComment, indent, lines, literal, propertyKey } from './code-writer';
import { inputTypeOf } from './emit-workflow';
import type { Statement, WorkflowIR } from './ir';

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
          `  ${propertyKey(i.name)}${i.required ? '' : '?'}: ${i.type === 'json' ? jsonInputType(w, i.name, workflows) : inputTypeOf(i)};`,
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

/**
 * The type of a `json` input, from where it goes: read per package (`$input.failures.$package`)
 * into a field of a package loop's child of the same project, it is a map from package name to
 * that field's type (`Record<string, string>`); otherwise `unknown`.
 */
function jsonInputType(workflow: WorkflowIR, input: string, workflows: readonly WorkflowIR[]): string {
  const types = new Set<string>();
  const visit = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.type === 'condition') {
        visit(s.whenTrue);
        visit(s.whenFalse);
      } else if (s.type === 'parallel') s.branches.forEach(visit);
      else if (s.type === 'dynamic-loop' || s.type === 'batch-loop') {
        const child = workflows.find((w) => w.workflowType === s.child.workflowType);
        for (const [field, value] of Object.entries(s.node.data.childInput ?? {})) {
          const ref = (value as { $ref?: unknown } | null)?.$ref;
          if (ref !== `$input.${input}.$package`) continue;
          const spec = child?.inputs.find((i) => i.name === field);
          types.add(spec && spec.type !== 'json' ? inputTypeOf(spec) : 'unknown');
        }
      }
    }
  };
  visit(workflow.body);
  const [only] = types;
  return types.size === 1 && only !== 'unknown' ? `Record<string, ${only}>` : 'unknown';
}
