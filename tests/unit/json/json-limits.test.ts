import { describe, expect, it } from 'vitest';
import { checkJsonLimits, jsonStringBytes, type JsonLimits } from '../../../src/core/json/json-limits';

const roomy: JsonLimits = { maxDepth: 1_000_000, maxBytes: Number.MAX_SAFE_INTEGER };

function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** The size the checker counts for `value`: found by bisecting maxBytes. */
function countedBytes(value: unknown): number {
  let lo = 0;
  let hi = 1 << 24;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (checkJsonLimits(value, { maxDepth: 1000, maxBytes: mid }) === undefined) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

describe('checkJsonLimits', () => {
  it('counts exactly the UTF-8 bytes JSON.stringify writes', () => {
    const samples: unknown[] = [
      null,
      true,
      false,
      0,
      -1.5e-7,
      123456789012,
      '',
      'plain',
      'quote " backslash \\ newline \n tab \t bell \u0007 nul \u0000',
      'é ü € 中文 😀 lone \ud800 low \udc00',
      [],
      {},
      [1, 'two', { three: [3, null] }],
      { 'k\u00e9y': { nested: ['a', 'b'], empty: {}, skipped: undefined } },
    ];
    for (const value of samples) {
      expect(countedBytes(value), JSON.stringify(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
    }
    expect(jsonStringBytes('😀')).toBe(Buffer.byteLength(JSON.stringify('😀')));
  });

  it('answers for nesting 100,000 deep without overflowing the stack', () => {
    const problem = checkJsonLimits(nested(100_000), { maxDepth: 64, maxBytes: 1 << 30 });
    expect(problem?.kind).toBe('depth');
    expect(problem?.message).toBe('is JSON nested deeper than the limit of 64 levels');
    expect(problem?.path).toHaveLength(64);
    expect(checkJsonLimits(nested(100_000), roomy)).toBeUndefined();
  });

  it('takes exactly maxDepth levels and refuses one more', () => {
    expect(checkJsonLimits(nested(64), { maxDepth: 64, maxBytes: 1 << 20 })).toBeUndefined();
    expect(checkJsonLimits(nested(65), { maxDepth: 64, maxBytes: 1 << 20 })?.kind).toBe('depth');
    expect(checkJsonLimits('scalar', { maxDepth: 0, maxBytes: 100 })).toBeUndefined();
  });

  it('takes exactly maxBytes and refuses one more, naming the limit', () => {
    const value = { text: 'x'.repeat(1000) };
    const size = Buffer.byteLength(JSON.stringify(value));
    expect(checkJsonLimits(value, { maxDepth: 10, maxBytes: size })).toBeUndefined();
    const problem = checkJsonLimits(value, { maxDepth: 10, maxBytes: size - 1 });
    expect(problem?.kind).toBe('size');
    expect(problem?.message).toBe(`is JSON larger than the limit of 1 KiB (${(size - 1).toLocaleString('en-US')} bytes)`);
    expect(checkJsonLimits('x', { maxDepth: 1, maxBytes: 2 * 1024 * 1024 - 1 })).toBeUndefined();
  });

  it('refuses what is not JSON, with the path to it', () => {
    expect(checkJsonLimits({ a: [1, Number.NaN] }, roomy)).toMatchObject({ kind: 'not-json', path: ['a', 1] });
    expect(checkJsonLimits({ f: () => 1 }, roomy)).toMatchObject({ kind: 'not-json', path: ['f'] });
    expect(checkJsonLimits([undefined], roomy)).toMatchObject({ kind: 'not-json', path: [0] });
  });
});
