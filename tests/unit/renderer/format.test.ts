import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../../src/renderer/src/lib/format';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');

describe('formatRelative', () => {
  it('formats past times in the largest fitting unit', () => {
    expect(formatRelative('2025-06-01T11:59:50.000Z', NOW, 'en')).toBe('just now');
    expect(formatRelative('2025-06-01T11:55:00.000Z', NOW, 'en')).toBe('5 minutes ago');
    expect(formatRelative('2025-06-01T09:00:00.000Z', NOW, 'en')).toBe('3 hours ago');
    expect(formatRelative('2025-05-31T12:00:00.000Z', NOW, 'en')).toBe('yesterday');
  });

  it('returns the input when it is not a date', () => {
    expect(formatRelative('not a date', NOW, 'en')).toBe('not a date');
  });
});
