/**
 * The built-in activity library, registered on every worker the app runs. Activities run in
 * the worker process (never in main), so they may do I/O freely. Shaped as a factory, as in
 * Temporal's activities-dependency-injection sample, so tests and exports inject their deps.
 */

export interface ActivityDeps {
  /** Clock used for timestamps, injectable for tests. @default Date.now */
  now?: () => number;
}

/** Creates the activity implementations. */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- the inferred type is the contract
export function createActivities(deps: ActivityDeps = {}) {
  const now = deps.now ?? Date.now;
  return {
    /** A trivial activity: proves the worker path end to end. */
    async greet(name: string): Promise<string> {
      return `Hello, ${name}! (worker pid ${process.pid}, ${new Date(now()).toISOString()})`;
    },
  };
}

/** The activity interface workflows proxy (`proxyActivities<BuiltinActivities>`). */
export type BuiltinActivities = ReturnType<typeof createActivities>;
