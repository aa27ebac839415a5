import { DIAGNOSTIC_CODES as C, error, type Diagnostic } from './diagnostics';
import { RESERVED_INPUT_NAMES, type InputSpec, type InputType } from './settings';

/** Checks the declared run inputs: unique, not reserved, defaults of the declared type. */
export function checkInputs(inputs: readonly InputSpec[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const at = ['settings', 'inputs', i] as const;
    if (seen.has(input.name)) {
      diagnostics.push(
        error(C.INVALID_INPUT, [...at, 'name'], `Input "${input.name}" is declared more than once`),
      );
    }
    seen.add(input.name);
    if (RESERVED_INPUT_NAMES.includes(input.name)) {
      diagnostics.push(
        error(
          C.INVALID_INPUT,
          [...at, 'name'],
          `Input name "${input.name}" is reserved (${RESERVED_INPUT_NAMES.join(', ')}); choose another`,
        ),
      );
    }
    if (input.default !== undefined && !matchesInputType(input.default, input.type)) {
      diagnostics.push(
        error(
          C.INVALID_INPUT,
          [...at, 'default'],
          `Default of input "${input.name}" must be ${describeInputType(input.type)}`,
        ),
      );
    }
  });
  return diagnostics;
}

/** True when a JSON value fits an input type. */
export function matchesInputType(value: unknown, type: InputType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'record':
      return (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.values(value).every((item) => typeof item === 'string')
      );
    case 'packages':
      return (
        Array.isArray(value) &&
        value.every(
          (p) => p !== null && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string',
        )
      );
    case 'json':
      return true;
  }
}

/** An input type in words. */
export function describeInputType(type: InputType): string {
  switch (type) {
    case 'packages':
      return 'a list of packages ({ name, dependencies })';
    case 'strings':
      return 'a list of strings';
    case 'record':
      return 'a map from string to string';
    case 'json':
      return 'any JSON value';
    default:
      return `a ${type}`;
  }
}

/**
 * Problems of a run's input against the declared inputs, each naming the input: a required one
 * missing, a value not of its type. Checked before a run starts, whoever starts it (run form, CLI,
 * API); fields nobody declared (the generated workflows' own options) are not checked here.
 */
export function checkRunInput(
  specs: readonly InputSpec[],
  input: Readonly<Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  for (const spec of specs) {
    const value = input[spec.name];
    if (value === undefined) {
      if (spec.required) problems.push(`Input "${spec.name}" is required`);
    } else if (!matchesInputType(value, spec.type)) {
      problems.push(`Input "${spec.name}" must be ${describeInputType(spec.type)}`);
    }
  }
  return problems;
}
