import { describeInputType, matchesInputType, type InputSpec } from '../../../core/definition';

/** True for the input types the run form edits as a list of lines rather than one value. */
export function editsAsLines(spec: Pick<InputSpec, 'type'>): boolean {
  return spec.type === 'strings' || spec.type === 'record';
}

/** What the run form says under a field edited as lines, so the user knows the format. */
export function linesHint(spec: Pick<InputSpec, 'type'>): string | null {
  if (spec.type === 'strings') return 'One per line.';
  if (spec.type === 'record') return 'One “key: value” per line.';
  return null;
}

/**
 * A value as the run form shows it: a string as is, a list or map one item per line (empty when it
 * has none and may be left out), anything else — or what would not read back the same — as JSON.
 */
export function inputText(spec: InputSpec, value: unknown): string {
  if (value === undefined) return '';
  if (spec.type === 'string' && typeof value === 'string') return value;
  if (editsAsLines(spec) && matchesInputType(value, spec.type)) {
    const items =
      spec.type === 'strings'
        ? (value as string[]).filter(lineSafe)
        : Object.entries(value as Record<string, string>)
            .filter(([key, item]) => lineSafe(key) && !key.includes(':') && lineSafe(item))
            .map(([key, item]) => `${key}: ${item}`);
    const all = Array.isArray(value) ? value.length : Object.keys(value as object).length;
    // A first line starting with [ or { would read back as JSON.
    const readsBack = items.length === all && !/^[[{]/.test(items[0] ?? '');
    if (readsBack && (all > 0 || !spec.required)) return items.join('\n');
  }
  return JSON.stringify(value);
}

/** A text that survives a line of the form: one line, no blanks around it, not empty. */
function lineSafe(text: string): boolean {
  return text !== '' && text.trim() === text && !/[\n\r]/.test(text);
}

/** The text a run form field starts with: the input's default, as the user would type it. */
export function initialText(spec: InputSpec): string {
  if (spec.default === undefined) return spec.type === 'boolean' ? 'false' : '';
  return inputText(spec, spec.default);
}

/**
 * A field's text as a value. `strings` and `record` take one item (`key: value`) per line, or the
 * whole value as JSON (text starting with `[` or `{`); the other non-string types are JSON.
 */
function parseText(spec: InputSpec, text: string): { value: unknown } | { error: string } {
  if (spec.type === 'string') return { value: text };
  const json = !editsAsLines(spec) || /^[[{]/.test(text);
  if (json) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: `must be ${describeInputType(spec.type)} (as JSON)` };
    }
  }
  const items = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (spec.type === 'strings') return { value: items };
  const record: Record<string, string> = {};
  for (const [i, line] of items.entries()) {
    const colon = line.indexOf(':');
    const key = colon < 0 ? '' : line.slice(0, colon).trim();
    if (key === '') return { error: `line ${i + 1} must be “key: value”` };
    if (Object.hasOwn(record, key)) return { error: `names “${key}” more than once` };
    record[key] = line.slice(colon + 1).trim();
  }
  return { value: record };
}

/**
 * Turns the run form's texts into the workflow input, checking each against its declared type
 * before anything starts. Empty optional fields are left out (the workflow applies its default).
 */
export function parseRunInputs(
  specs: readonly InputSpec[],
  texts: Readonly<Record<string, string>>,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const text = (texts[spec.name] ?? '').trim();
    if (text === '') {
      if (spec.required) errors[spec.name] = 'is required';
      continue;
    }
    const parsed = parseText(spec, text);
    if ('error' in parsed) {
      errors[spec.name] = parsed.error;
      continue;
    }
    if (!matchesInputType(parsed.value, spec.type)) {
      errors[spec.name] = `must be ${describeInputType(spec.type)}`;
      continue;
    }
    input[spec.name] = parsed.value;
  }
  return { input, errors };
}
