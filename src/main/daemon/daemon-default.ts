/**
 * Whether a `build` runs on the build daemon when neither --daemon nor --no-daemon is given: yes on
 * a developer's machine; not under CI (a CI job's machine goes away with the job; nx does the
 * same), nor with WB_DAEMON=0. Node built-ins only: the CLI's bootstrap asks before it loads the CLI.
 */
export function daemonByDefault(env: NodeJS.ProcessEnv): boolean {
  const setting = env.WB_DAEMON?.trim().toLowerCase();
  if (setting !== undefined && setting !== '') return !['0', 'false', 'off', 'no'].includes(setting);
  const ci = env.CI?.trim().toLowerCase();
  return ci === undefined || ci === '' || ci === '0' || ci === 'false';
}

/** A build daemon waits this long for the next build (WB_DAEMON_IDLE changes it). */
export const DEFAULT_DAEMON_IDLE_MS = 10 * 60_000;

/**
 * What the bootstrap can tell from a `build` command line alone: whether it will use the daemon
 * (then it forks no worker of its own). A bad command line is parsed, and refused, later.
 */
export function buildUsesDaemon(args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (
    args.includes('--no-daemon') ||
    args.some((a) => a === '--temporal-address' || a.startsWith('--temporal-address='))
  )
    return false;
  return args.includes('--daemon') || daemonByDefault(env);
}
