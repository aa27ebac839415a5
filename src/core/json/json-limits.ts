/**
 * Limits on free-form JSON, checked without recursion.
 *
 * A recursive walk (zod's `z.json()`, a naive validator) dies with "Maximum call stack size
 * exceeded" on a value nested a few thousand levels deep — 20 KB of `[[[[…]]]]` is enough. This
 * walk keeps its own stack, so any input gets an answer: fine, or the first limit it breaks.
 */

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonLimits {
  /** Most containers (arrays, objects) nested inside each other; a scalar has depth 0, `[]` depth 1. */
  maxDepth: number;
  /** Most bytes of the value's UTF-8 `JSON.stringify` text. */
  maxBytes: number;
}

const MIB = 1024 * 1024;

/**
 * One free-form JSON field (activity args, run inputs, input defaults, child inputs): deep enough
 * for any real configuration, big enough for a package list of thousands as a run input.
 */
export const JSON_FIELD_LIMITS: JsonLimits = { maxDepth: 64, maxBytes: 2 * MIB };

/**
 * A whole definition as stored. A 2,000-package inline graph (scoped names, four dependencies and
 * an estimate each) is about 310 KB; 4 MiB holds ~25,000 such packages — the schema's own cap of
 * 20,000 fits — and stays well under the 8 MiB frame.
 */
export const DEFINITION_LIMITS: JsonLimits = { maxDepth: 100, maxBytes: 4 * MIB };

/**
 * Any request payload, checked by the dispatcher before schema parsing: the browser-mode frame
 * limit (8 MiB) applied to Electron IPC too, and a depth above every schema's own.
 */
export const PAYLOAD_LIMITS: JsonLimits = { maxDepth: 128, maxBytes: 8 * MIB };

/** Why a value was refused; `path` leads from the checked value to the offending part. */
export interface JsonLimitProblem {
  kind: 'depth' | 'size' | 'not-json';
  path: Array<string | number>;
  /** In words, naming the limit, e.g. `is JSON nested deeper than the limit of 64 levels`. */
  message: string;
}

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

/** Checks `value` against `limits`; undefined when it is JSON within them. Never recurses. */
export function checkJsonLimits(value: unknown, limits: JsonLimits): JsonLimitProblem | undefined {
  let bytes = 0;
  const stack: Frame[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const v = frame.value;
    if (v === null) bytes += 4;
    else if (typeof v === 'boolean') bytes += v ? 4 : 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return problem('not-json', frame, `is ${String(v)}, not a JSON number`);
      bytes += String(v).length;
    } else if (typeof v === 'string') bytes += jsonStringBytes(v);
    else if (typeof v === 'object') {
      const depth = frame.depth + 1;
      if (depth > limits.maxDepth) {
        return problem('depth', frame, `is JSON nested deeper than the limit of ${limits.maxDepth} levels`);
      }
      if (Array.isArray(v)) {
        // Brackets and the commas between items.
        bytes += 2 + Math.max(0, v.length - 1);
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, key: i, parent: frame });
      } else {
        // Like JSON.stringify, a property whose value is undefined is left out.
        const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
        bytes += 2 + Math.max(0, keys.length - 1);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          bytes += jsonStringBytes(key) + 1; // "key":
          stack.push({ value: (v as Record<string, unknown>)[key], depth, key, parent: frame });
        }
      }
    } else if (v === undefined) {
      return problem('not-json', frame, 'is missing: a JSON value is required');
    } else {
      return problem('not-json', frame, `is a ${typeof v}, not a JSON value`);
    }
    if (bytes > limits.maxBytes) {
      return problem('size', frame, `is JSON larger than the limit of ${formatBytes(limits.maxBytes)}`);
    }
  }
  return undefined;
}

/** UTF-8 bytes of `JSON.stringify(text)`: quotes, escapes and multi-byte characters counted. */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) bytes += 2;
    else if (c < 0x20) bytes += 6; // \u00XX
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6; // a lone surrogate is written as \uXXXX
    else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** `2 MiB (2,097,152 bytes)`. */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const short = Number.isInteger(mib) ? `${mib} MiB` : `${Math.round(bytes / 1024)} KiB`;
  return `${short} (${bytes.toLocaleString('en-US')} bytes)`;
}

function problem(kind: JsonLimitProblem['kind'], frame: Frame, message: string): JsonLimitProblem {
  const path: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return { kind, path: path.reverse(), message };
}
