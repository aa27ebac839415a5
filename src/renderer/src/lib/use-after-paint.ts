import { useEffect, useState } from 'react';

/** The longest wait for an idle moment after the paint. */
const IDLE_TIMEOUT_MS = 300;

/**
 * False until a frame has been painted after `ready` became true, then true for good. For work a
 * page can show a moment later (charts, predictions) so that it does not delay the first paint
 * of what the user opened the page for.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle: number | undefined;
    // rAF runs before the next paint; a task queued from it runs after that paint. Then the
    // first idle moment (bounded), so the deferred work does not hold up the frames right after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (typeof requestIdleCallback === 'function')
          idle = requestIdleCallback(() => setAfter(true), { timeout: IDLE_TIMEOUT_MS });
        else setAfter(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [ready, after]);
  return after;
}
