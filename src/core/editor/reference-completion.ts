import type { InputSpec } from '../definition/settings';

/**
 * Completion of `$…` references (see core/definition/references.ts for the grammar) as the user
 * types them into a property field: pure, so the form's combobox only renders what this returns.
 */

/** One offered completion: `text` replaces the whole field. */
export interface ReferenceCompletion {
  text: string;
  /** What the option is, in words (an input's type and description, a package field's meaning). */
  detail: string;
}

/** What a field may refer to. */
export interface ReferenceScope {
  /** The workflow's declared run inputs (`settings.inputs`). */
  inputs: readonly Pick<InputSpec, 'name' | 'type' | 'description'>[];
  /** Nodes that run before the field's node (`$result.<id>`, `$error.<id>`). */
  upstreamNodeIds: readonly string[];
  /** In a loop's child input: `$package…` is known. */
  allowPackage: boolean;
}

const PACKAGE_FIELDS: readonly ReferenceCompletion[] = [
  { text: '$package.name', detail: 'the package’s name, e.g. @acme/db' },
  {
    text: '$package.estimatedDurationMs',
    detail: 'the package’s estimated build time (ms), if the graph has one',
  },
  {
    text: '$package.expectedDurationMs',
    detail: 'the run’s estimate of the build (ms): earlier builds’ times, else the graph’s; unset when unknown',
  },
  {
    text: '$package.attempt',
    detail: 'which attempt of the package this child is (1, 2, … after Retry failed)',
  },
];

const WORKFLOW_FIELDS: readonly ReferenceCompletion[] = [
  { text: '$workflow.id', detail: 'the run’s workflow id' },
  { text: '$workflow.runId', detail: 'the run’s run id' },
  { text: '$workflow.type', detail: 'the workflow type' },
];

/** The options for `typed` (the field's text so far), best first; none when it is not a reference. */
export function completeReference(typed: string, scope: ReferenceScope): ReferenceCompletion[] {
  const text = typed.trim();
  if (text !== '' && !text.startsWith('$')) return [];
  const dot = text.indexOf('.');
  if (dot < 0) return rank(heads(scope), text);
  const head = text.slice(0, dot);
  const rest = text.slice(dot + 1);
  switch (head) {
    case '$input':
      return rank(inputOptions(rest, scope), text);
    case '$package':
      return scope.allowPackage ? rank(PACKAGE_FIELDS, text) : [];
    case '$workflow':
      return rank(WORKFLOW_FIELDS, text);
    case '$result':
    case '$error':
      return rank(
        scope.upstreamNodeIds.map((id) => ({
          text: `${head}.${id}`,
          detail:
            head === '$result'
              ? `what node ${id} produced`
              : `the error of node ${id} (if it continued on failure)`,
        })),
        text,
      );
    default:
      return [];
  }
}

function heads(scope: ReferenceScope): ReferenceCompletion[] {
  return [
    { text: '$input.', detail: 'a run input declared in the workflow’s settings' },
    ...(scope.allowPackage ? [{ text: '$package.', detail: 'the package this child builds' }] : []),
    ...(scope.upstreamNodeIds.length > 0
      ? [
          { text: '$result.', detail: 'what an earlier node produced' },
          { text: '$error.', detail: 'the error of an earlier node that continued on failure' },
        ]
      : []),
    { text: '$workflow.', detail: 'the run’s id, run id or type' },
  ];
}

/**
 * `$input.<name>`; past the name of an input that maps keys to values (json, record), the current
 * package's name as a key (`$input.failures.$package`).
 */
function inputOptions(rest: string, scope: ReferenceScope): ReferenceCompletion[] {
  const [name, ...path] = rest.split('.');
  const spec = scope.inputs.find((i) => i.name === name);
  if (spec && path.length > 0) {
    const base = `$input.${[name, ...path.slice(0, -1)].join('.')}`;
    return scope.allowPackage && (spec.type === 'json' || spec.type === 'record' || spec.type === 'packages')
      ? [{ text: `${base}.$package`, detail: `${spec.name}[<the package’s name>]` }]
      : [];
  }
  return scope.inputs.map((i) => ({
    text: `$input.${i.name}`,
    detail: `${i.type}${i.description ? ` — ${i.description}` : ''}`,
  }));
}

/** Options that extend `text` (prefix matches first, then any containing it), never the text itself alone. */
function rank(options: readonly ReferenceCompletion[], text: string): ReferenceCompletion[] {
  const lower = text.toLowerCase();
  const prefix = options.filter((o) => o.text.toLowerCase().startsWith(lower));
  const tail = lower.slice(lower.lastIndexOf('.') + 1);
  const containing = tail
    ? options.filter(
        (o) =>
          !prefix.includes(o) &&
          o.text
            .toLowerCase()
            .slice(lower.lastIndexOf('.') + 1)
            .includes(tail),
      )
    : [];
  return [...prefix, ...containing].filter((o) => o.text !== text);
}
