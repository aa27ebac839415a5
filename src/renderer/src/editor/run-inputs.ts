import { describeInputType, matchesInputType, type InputSpec } from '../../../core/definition';

/** The text a run form field starts with: the input's default, as the user would type it. */
export function initialText(spec: InputSpec): string {
  if (spec.default === undefined) return spec.type === 'boolean' ? 'false' : '';
  return spec.type === 'string' && typeof spec.default === 'string'
    ? spec.default
    : JSON.stringify(spec.default);
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
    let value: unknown = text;
    if (spec.type !== 'string') {
      try {
        value = JSON.parse(text);
      } catch {
        errors[spec.name] = `must be ${describeInputType(spec.type)} (as JSON)`;
        continue;
      }
    }
    if (!matchesInputType(value, spec.type)) {
      errors[spec.name] = `must be ${describeInputType(spec.type)}`;
      continue;
    }
    input[spec.name] = value;
  }
  return { input, errors };
}
