/**
 * A short id based on `prefix` that is not in `taken`: `build` if free, else `build2`, `build3`, …
 * A trailing number is replaced rather than extended (a copy of `e2` is `e3`, not `e22`).
 */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '') || 'node';
  if (!used.has(base)) return base;
  const root = base.replace(/\d+$/, '') || base;
  for (let n = 2; ; n++) {
    const id = `${root}${n}`;
    if (!used.has(id)) return id;
  }
}
