import { useId, useState } from 'react';
import type { ReferenceScope } from '../../../core/editor';
import type { DefinitionSummary } from '../../../core/ipc/contract';
import { ReferenceMapInput } from './reference-map-input';
import type { FieldSpec } from './schema-fields';

/** What fields may pick from: stored definitions (child workflow pickers) and this workflow's nodes. */
export interface FormContext {
  definitions: readonly DefinitionSummary[];
  /** Node ids by kind, for fields that name another node (e.g. a loop's graph). */
  nodeIds: readonly { id: string; kind: string }[];
  /** What `$…` references in the edited node may name (completion); none: no completion. */
  references?: ReferenceScope;
}

export interface SchemaFormProps {
  fields: readonly FieldSpec[];
  value: Record<string, unknown>;
  /** Sets one field; undefined removes it (the compiler then applies the documented default). */
  onChange: (key: string, value: unknown) => void;
  /** Messages per field key path (`maxConcurrent`, `retry.maximumAttempts`). */
  errors: ReadonlyMap<string, string[]>;
  context: FormContext;
  disabled?: boolean;
  /** Key path prefix of nested forms. */
  prefix?: string;
}

/** A form generated from field descriptions (see schema-fields.ts); each field shows its help text and its problems. */
export function SchemaForm({
  fields,
  value,
  onChange,
  errors,
  context,
  disabled,
  prefix = '',
}: SchemaFormProps) {
  return (
    <div className="schema-form">
      {fields.map((field) => (
        <Field
          key={field.key}
          field={field}
          value={value[field.key]}
          onChange={(v) => onChange(field.key, v)}
          errors={errors}
          path={prefix + field.key}
          context={context}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

interface FieldProps {
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: ReadonlyMap<string, string[]>;
  path: string;
  context: FormContext;
  disabled?: boolean;
}

function Field({ field, value, onChange, errors, path, context, disabled }: FieldProps) {
  const id = useId();
  const messages = errors.get(path) ?? [];
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.description ? helpId : '', messages.length > 0 ? errorId : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    disabled,
    'aria-invalid': messages.length > 0 || undefined,
    'aria-describedby': describedBy || undefined,
    'data-testid': `field-${path}`,
  };

  let control;
  switch (field.control) {
    case 'text':
      control = (
        <input
          {...common}
          type="text"
          className="input"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
      break;
    case 'number':
      control = <NumberInput field={field} value={value} onChange={onChange} common={common} />;
      break;
    case 'boolean':
    case 'enum': {
      const options = field.control === 'boolean' ? ['true', 'false'] : (field.options ?? []);
      control = (
        <select
          {...common}
          className="input"
          value={value === undefined ? '' : String(value)}
          onChange={(e) => {
            const v = e.target.value;
            onChange(v === '' ? undefined : field.control === 'boolean' ? v === 'true' : v);
          }}
        >
          <option value="">{field.required ? 'Choose…' : '(default)'}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'workflow-ref':
      control = <WorkflowRefInput value={value} onChange={onChange} common={common} context={context} />;
      break;
    case 'object': {
      const obj =
        value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      control = (
        <fieldset className="schema-form__group" disabled={disabled}>
          <SchemaForm
            fields={field.fields ?? []}
            value={obj}
            onChange={(key, v) => {
              const next = { ...obj };
              if (v === undefined) delete next[key];
              else next[key] = v;
              onChange(Object.keys(next).length === 0 ? undefined : next);
            }}
            errors={errors}
            context={context}
            disabled={disabled}
            prefix={`${path}.`}
          />
        </fieldset>
      );
      break;
    }
    case 'reference-map':
      control = (
        <ReferenceMapInput
          value={value}
          onChange={onChange}
          scope={context.references ?? { inputs: [], upstreamNodeIds: [], allowPackage: false }}
          path={path}
          label={field.label}
          disabled={disabled}
          describedBy={describedBy || undefined}
        />
      );
      break;
    default:
      control = <JsonInput value={value} onChange={onChange} common={common} />;
  }

  // The field that names a graph node offers the matching nodes.
  const nodeOptions =
    field.key === 'graph' ? context.nodeIds.filter((n) => n.kind === 'dependencyGraph').map((n) => n.id) : [];

  return (
    <div className={`form-row${messages.length > 0 ? ' form-row--invalid' : ''}`}>
      <label htmlFor={id} className="form-row__label">
        {field.label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {nodeOptions.length > 0 && field.control === 'text' ? (
        <select
          {...common}
          className="input"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">Choose…</option>
          {nodeOptions.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      ) : (
        control
      )}
      {field.description ? (
        <p id={helpId} className="form-row__help">
          {field.description}
        </p>
      ) : null}
      {messages.length > 0 ? (
        <p id={errorId} className="form-row__error" role="alert" data-testid={`field-error-${path}`}>
          {messages.join('; ')}
        </p>
      ) : null}
    </div>
  );
}

type Common = Record<string, unknown> & { id: string };

/** A number field; with a bounded range also a slider. Keeps the typed text, so "1." or "" never fights the user. */
function NumberInput({
  field,
  value,
  onChange,
  common,
}: {
  field: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  common: Common;
}) {
  const external = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(external);
  const [seen, setSeen] = useState(external);
  if (seen !== external) {
    // A change from elsewhere (undo, another node) replaces the text unless it already says so.
    setSeen(external);
    if (text === '' || external === '' || Number(text) !== Number(external)) setText(external);
  }
  const commit = (t: string) => {
    setText(t);
    if (t.trim() === '') return onChange(undefined);
    const n = Number(t);
    if (Number.isFinite(n)) onChange(n);
  };
  return (
    <div className="number-input">
      {field.slider ? (
        <input
          type="range"
          min={field.min}
          max={field.max}
          step={1}
          value={typeof value === 'number' ? value : (field.min ?? 0)}
          onChange={(e) => commit(e.target.value)}
          aria-label={`${field.label} slider`}
          disabled={common.disabled as boolean | undefined}
        />
      ) : null}
      <input
        {...common}
        type="number"
        className="input"
        inputMode={field.integer ? 'numeric' : 'decimal'}
        min={field.min}
        max={field.max}
        step={field.integer ? 1 : 'any'}
        value={text}
        onChange={(e) => commit(e.target.value)}
      />
    </div>
  );
}

/** A child workflow: a stored definition from a picker, or a workflow type by name. */
function WorkflowRefInput({
  value,
  onChange,
  common,
  context,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  common: Common;
  context: FormContext;
}) {
  const ref = (value ?? {}) as { definitionId?: string; workflowType?: string; version?: number };
  const mode = ref.workflowType !== undefined ? 'type' : 'definition';
  return (
    <div className="workflow-ref">
      <select
        {...common}
        className="input"
        value={mode === 'type' ? '__type__' : (ref.definitionId ?? '')}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') onChange(undefined);
          else if (v === '__type__') onChange({ workflowType: ref.workflowType ?? '' });
          else onChange({ definitionId: v });
        }}
      >
        <option value="">Choose a workflow…</option>
        {context.definitions.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} (v{d.version})
          </option>
        ))}
        {ref.definitionId && !context.definitions.some((d) => d.id === ref.definitionId) ? (
          <option value={ref.definitionId}>{ref.definitionId} (not in this store)</option>
        ) : null}
        <option value="__type__">A workflow type by name…</option>
      </select>
      {mode === 'type' ? (
        <input
          type="text"
          className="input"
          aria-label="Workflow type"
          placeholder="e.g. BuildPackage_v2"
          value={ref.workflowType ?? ''}
          onChange={(e) => onChange({ workflowType: e.target.value })}
          disabled={common.disabled as boolean | undefined}
        />
      ) : null}
    </div>
  );
}

/** JSON text for values without a dedicated control; applied when it parses, else the parse error shows. */
function JsonInput({
  value,
  onChange,
  common,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  common: Common;
}) {
  const external = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(external);
  const [problem, setProblem] = useState<string | null>(null);
  const [seen, setSeen] = useState(external);
  if (seen !== external) {
    // Replaced from elsewhere (undo, another node): show it, unless the text already means it.
    setSeen(external);
    if (!sameJson(text, value)) setText(external);
  }
  return (
    <>
      <textarea
        {...common}
        className="input input--code"
        rows={Math.min(12, Math.max(2, text.split('\n').length))}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') {
            setProblem(null);
            return onChange(undefined);
          }
          try {
            const parsed: unknown = JSON.parse(t);
            setProblem(null);
            onChange(parsed);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : 'not valid JSON');
          }
        }}
      />
      {problem ? <p className="form-row__error">Not valid JSON yet: {problem}</p> : null}
    </>
  );
}

/** True when `text` parses to `value`. */
function sameJson(text: string, value: unknown): boolean {
  try {
    return text.trim() !== '' && JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
