/**
 * Polls `check` until it holds or `timeoutMs` has passed, then answers with its last value: for
 * what the system reports a little later (a process's exit, a counter the server reports once a
 * second), never for ordering that a test could await directly.
 */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Like waitUntil for a plain condition, but a timeout is an error that says how long it waited. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000, intervalMs = 25): Promise<void> {
  if (!(await waitUntil(condition, (held) => held, timeoutMs, intervalMs)))
    throw new Error(`timed out after ${timeoutMs} ms`);
}
