import { isRefObject } from '../../../core/definition/references';

/**
 * The text of one value in a reference field: a reference as its bare `$…` text, anything else as
 * JSON (a string in quotes), so `$input.root` and `"$input.root"` (the literal text) stay distinct.
 */
export function valueToText(value: unknown): string {
  if (value === undefined) return '';
  return isRefObject(value) ? value.$ref : JSON.stringify(value);
}

/** The value of a field's text: `$…` is a reference, anything else JSON; a message says what is wrong. */
export function textToValue(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'needs a value' };
  if (t.startsWith('$')) return { ok: true, value: { $ref: t } };
  try {
    return { ok: true, value: JSON.parse(t) as unknown };
  } catch {
    return { ok: false, message: `is neither a $… reference nor JSON (write text in quotes: "${t}")` };
  }
}
