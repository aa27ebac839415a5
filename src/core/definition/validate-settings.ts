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
  return type === 'packages'
    ? 'a list of packages ({ name, dependencies })'
    : type === 'json'
      ? 'any JSON value'
      : `a ${type}`;
}
