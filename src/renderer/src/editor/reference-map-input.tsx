import { useState } from 'react';
import type { ReferenceScope } from '../../../core/editor';
import { ReferenceInput } from './reference-input';
import { textToValue, valueToText } from './reference-values';

interface Row {
  name: string;
  text: string;
}

const rowsOf = (value: unknown): Row[] =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).map(([name, v]) => ({ name, text: valueToText(v) }))
    : [];

/** The object the rows mean: rows with a name and a valid value (others are still being typed). */
function valueOf(rows: readonly Row[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const parsed = textToValue(row.text);
    if (row.name.trim() !== '' && parsed.ok) out[row.name.trim()] = parsed.value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export interface ReferenceMapInputProps {
  value: unknown;
  onChange: (value: unknown) => void;
  scope: ReferenceScope;
  /** Test id prefix and accessible name of the field. */
  path: string;
  label: string;
  disabled?: boolean;
  describedBy?: string;
}

/**
 * A child's input as rows of field name = value, where a value is a `$…` reference (completed from
 * the workflow's inputs, the package's fields, upstream nodes) or JSON. Incomplete rows stay on
 * screen while typed and reach the definition once they mean something.
 */
export function ReferenceMapInput({
  value,
  onChange,
  scope,
  path,
  label,
  disabled,
  describedBy,
}: ReferenceMapInputProps) {
  const external = JSON.stringify(value ?? null);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const [seen, setSeen] = useState(external);
  if (seen !== external) {
    // Replaced from elsewhere (undo, another node): show it, unless the rows already mean it.
    setSeen(external);
    if (JSON.stringify(valueOf(rows) ?? null) !== external) setRows(rowsOf(value));
  }

  const update = (next: Row[]) => {
    setRows(next);
    const v = valueOf(next);
    setSeen(JSON.stringify(v ?? null));
    onChange(v);
  };

  return (
    <div className="reference-map" role="group" aria-label={label} aria-describedby={describedBy}>
      {rows.map((row, i) => {
        const parsed = textToValue(row.text);
        const problem = row.text.trim() !== '' && !parsed.ok ? parsed.message : null;
        return (
          <div key={i} className="reference-map__row">
            <input
              type="text"
              className="input reference-map__name"
              aria-label={`Field ${i + 1} name`}
              placeholder="field"
              value={row.name}
              disabled={disabled}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)))}
              data-testid={`field-${path}-name-${i}`}
            />
            <ReferenceInput
              aria-label={`Field ${i + 1} value ${row.name ? `(${row.name})` : ''}`.trim()}
              aria-invalid={problem !== null || undefined}
              placeholder="$input.… or JSON"
              value={row.text}
              scope={scope}
              disabled={disabled}
              onChange={(text) => update(rows.map((r, j) => (j === i ? { ...r, text } : r)))}
              data-testid={`field-${path}-value-${i}`}
            />
            <button
              type="button"
              className="button button--small reference-map__remove"
              aria-label={`Remove field ${row.name || i + 1}`}
              disabled={disabled}
              onClick={() => update(rows.filter((_, j) => j !== i))}
            >
              ×
            </button>
            {problem ? <p className="form-row__error reference-map__problem">{problem}</p> : null}
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        disabled={disabled}
        onClick={() => setRows([...rows, { name: '', text: '' }])}
        data-testid={`field-${path}-add`}
      >
        Add field
      </button>
    </div>
  );
}
