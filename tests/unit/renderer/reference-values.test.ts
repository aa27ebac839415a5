/**
 * Proves the text ↔ value rule of reference fields (src/renderer/src/editor/reference-values.ts):
 * `$…` is a reference, anything else JSON, a bare word is refused with the fix. Quick tier.
 */
import { describe, expect, it } from 'vitest';
import { textToValue, valueToText } from '../../../src/renderer/src/editor/reference-values';

describe('reference field values', () => {
  it('round-trips references and JSON values', () => {
    for (const value of [
      { $ref: '$input.failures.$package' },
      42,
      'text',
      '$literal',
      { a: [1, true] },
      null,
    ])
      expect(textToValue(valueToText(value))).toEqual({ ok: true, value });
  });

  it('a reference is its bare text; a string that looks like one stays a quoted string', () => {
    expect(valueToText({ $ref: '$package.name' })).toBe('$package.name');
    expect(valueToText('$package.name')).toBe('"$package.name"');
  });

  it('says what is wrong with a bare word or an empty value', () => {
    expect(textToValue('hello')).toEqual({
      ok: false,
      message: 'is neither a $… reference nor JSON (write text in quotes: "hello")',
    });
    expect(textToValue('  ')).toEqual({ ok: false, message: 'needs a value' });
  });
});
