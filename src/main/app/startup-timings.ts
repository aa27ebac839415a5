/**
 * Start-up phase marks for `WB_TIMINGS=1` (issue 12: "from Run to the first child started"). Each
 * mark prints the milliseconds since this process started (performance.now() counts from the
 * process's time origin, so module loading is included) to stderr, and nothing at all when unset:
 * the marks stay in the code without touching normal output. benchmarks/cli-startup.bench.ts reads them.
 */
const enabled = process.env.WB_TIMINGS === '1';

/** The prefix of a mark line on stderr: `[wb-timing] <ms> <phase>`. */
export const TIMING_PREFIX = '[wb-timing]';

/** Prints `phase` with the time since process start, when WB_TIMINGS=1. */
export function markStartup(phase: string): void {
  if (!enabled) return;
  process.stderr.write(`${TIMING_PREFIX} ${performance.now().toFixed(0)} ${phase}\n`);
}
