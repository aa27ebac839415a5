/**
 * The only ways user text reaches generated code: identifiers through `toIdentifier` and an
 * `IdentifierScope` (a collision map), values through `literal` (JSON.stringify underneath).
 * Generated code is built as lines and formatted by prettier afterwards, so emitters only care
 * about statement order and block nesting, never about layout.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean constructor declare get ' +
    'module require number set string symbol type from of await async undefined NaN Infinity arguments eval'
  ).split(' '),
);

/**
 * A camelCase identifier for arbitrary text: `build-all` → `buildAll`, `3rd step` → `n3rdStep`,
 * `` → `node`. Letters outside ASCII are dropped; a reserved word gets a `_` suffix.
 */
export function toIdentifier(text: string, fallback = 'node'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return fallback;
  const [first = '', ...rest] = words;
  let id =
    (first === first.toUpperCase() && first.length > 1
      ? first.toLowerCase()
      : first.charAt(0).toLowerCase() + first.slice(1)) +
    rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  if (/^[0-9]/.test(id)) id = `n${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** PascalCase of arbitrary text: `Package build` → `PackageBuild`; `` → fallback. */
export function toPascalCase(text: string, fallback = 'Workflow'): string {
  const id = toIdentifier(text, '');
  if (id === '') return fallback;
  const pascal = id.charAt(0).toUpperCase() + id.slice(1).replace(/_$/, '');
  return /^[0-9]/.test(pascal) ? `W${pascal}` : pascal;
}

/** UPPER_SNAKE_CASE of an identifier: `PackageBuild_v3` → `PACKAGE_BUILD_V3`. */
export function toConstantCase(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/**
 * A collision map: hands out each identifier once. Asking twice for the same key returns the same
 * name; two keys that sanitize to the same identifier get `name`, `name2`, `name3`, ….
 */
export class IdentifierScope {
  private readonly taken = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** @param reserved - names already used in this scope (imports, generated locals). */
  constructor(
    reserved: Iterable<string> = [],
    private readonly parent?: IdentifierScope,
  ) {
    for (const name of reserved) this.taken.add(name);
  }

  /** The identifier for `key`, derived from `hint` (default: the key) on first use. */
  name(key: string, hint: string = key): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = toIdentifier(hint);
    let candidate = base;
    for (let n = 2; this.isTaken(candidate); n++) candidate = `${base}${n}`;
    this.taken.add(candidate);
    this.byKey.set(key, candidate);
    return candidate;
  }

  /** A child scope (a function body): it sees the names of this one as taken. */
  child(reserved: Iterable<string> = []): IdentifierScope {
    return new IdentifierScope(reserved, this);
  }

  private isTaken(name: string): boolean {
    return this.taken.has(name) || RESERVED.has(name) || (this.parent?.isTaken(name) ?? false);
  }
}

/** A JSON value as a TypeScript literal (strings, numbers, booleans, null, arrays, objects). */
export function literal(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** An object property key: bare when it is an identifier, else a string literal. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** Property access: `.key` for identifiers, `['key']` otherwise (`results['build-1']`). */
export function member(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && !RESERVED.has(key)
    ? `.${key}`
    : `[${JSON.stringify(key)}]`;
}

/** A duration in milliseconds as Temporal accepts it, readable: `'30s'`, `'10m'`, `'2h'`, `'1d'`, else a number. */
export function durationLiteral(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (ms % size === 0) return JSON.stringify(`${ms / size}${unit}`);
  return String(ms);
}

/** Text safe inside a `//` or `/* *\/` comment: one line, no comment terminator. */
export function commentText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .trim();
}

/** Indents every line of a block of code by one level (prettier re-indents anyway; this keeps the raw text legible). */
export function indent(code: string): string {
  return code
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/** Joins lines of code; `false`, `undefined` and `null` parts are left out (an empty string is a blank line). */
export function lines(...parts: Array<string | false | undefined | null>): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

/**
 * A JSDoc block of sentences (user text goes through `commentText`), wrapped at `width` columns
 * (prettier does not wrap comments).
 */
export function docComment(paragraphs: ReadonlyArray<string | false | undefined>, width = 100): string {
  const out = ['/**'];
  for (const paragraph of paragraphs) {
    if (typeof paragraph !== 'string' || paragraph === '') continue;
    let line = ' *';
    for (const word of commentText(paragraph).split(/\s+/)) {
      if (line.length > 2 && line.length + 1 + word.length > width) {
        out.push(line);
        line = ' *';
      }
      line += ` ${word}`;
    }
    out.push(line);
  }
  out.push(' */');
  return out.join('\n');
}
