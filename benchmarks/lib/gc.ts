import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How garbage collection was made available to the benchmark, printed with the results. */
export type GcSource = 'node --expose-gc' | 'v8.setFlagsFromString' | 'unavailable';

/**
 * Returns a full-GC function. `npm run bench` starts plain `tsx` without `--expose-gc`, so when
 * `global.gc` is missing the flag is switched on at run time and `gc` is taken from a fresh V8
 * context (a documented V8 technique); heap numbers are then comparable either way.
 */
export function obtainGc(): { gc: () => void; source: GcSource } {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return { gc: existing, source: 'node --expose-gc' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as () => void, source: 'v8.setFlagsFromString' };
  } catch {
    // fall through: heap numbers will include garbage
  }
  return { gc: () => undefined, source: 'unavailable' };
}
