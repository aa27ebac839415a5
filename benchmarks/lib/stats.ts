/** Small helpers to summarize and print benchmark measurements. */

/** Median of a non-empty list (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Arithmetic mean; NaN when empty. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The value at percentile `p` (0–100) of `values`; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Largest value; NaN when empty. */
export function max(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}

/** Milliseconds with a precision that suits the magnitude (`0.042 ms`, `12.3 ms`, `1234 ms`). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ms`;
}

/** A speed ratio such as `12.3×`, or n/a. */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}×`;
}

/** Prints a Markdown table (so the output can be pasted into the docs as is). */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  console.log(`\n### ${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
