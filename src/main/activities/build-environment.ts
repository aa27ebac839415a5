/**
 * The environment a real build gets (workflow-builder's user guide documents it for users):
 *
 *   1. the worker's environment, minus the app's own secrets and minus npm variables inherited
 *      from an npm that started the app (they describe workflow-builder, not the package built);
 *   2. plus the variables the user set for the workspace in Settings (secret ones resolved by main
 *      from the encrypting secret store and sent to the worker in memory only);
 *   3. plus the npm lifecycle variables of the script being run (see npmScriptVariables), and the
 *      package's and the root's `node_modules/.bin` in front of PATH.
 *
 * Later layers win. Pure functions: the activity supplies the pieces, tests drive them directly.
 */

/** Variables of the app's own connection secrets: a build never sees them. */
export const APP_SECRET_VARIABLES: readonly string[] = [
  // The Temporal API key and TLS private keys as the Temporal CLI and SDKs read them.
  'TEMPORAL_API_KEY',
  'TEMPORAL_CODEC_AUTH',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_KEY_DATA',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_DATA',
];

/** Prefixes of variables that belong to the app (WB_DATA_DIR, test and browser-host plumbing). */
export const APP_VARIABLE_PREFIXES: readonly string[] = ['WB_'];

/**
 * npm variables a build would inherit from an `npm start` / `npm run` that launched the app. They
 * describe the app's own package and invocation, so they are dropped; the user's npm configuration
 * (`npm_config_registry`, …) is kept, except the parts that name the outer invocation.
 */
function isInheritedNpmVariable(name: string): boolean {
  const lower = name.toLowerCase();
  if (!lower.startsWith('npm_')) return lower === 'init_cwd';
  if (!lower.startsWith('npm_config_')) return true; // npm_package_*, npm_lifecycle_*, npm_execpath, …
  return lower === 'npm_config_local_prefix' || lower === 'npm_config_user_agent';
}

export interface EnvironmentFilter {
  /** Further names whose values are the app's secrets (e.g. the variable the API key is read from). */
  secretVariables?: readonly string[];
  platform?: NodeJS.Platform;
}

/**
 * The worker's environment without the app's secrets and without inherited npm variables. Names
 * compare case-insensitively on Windows (its environment does), exactly elsewhere.
 */
export function filterWorkerEnvironment(
  env: NodeJS.ProcessEnv,
  filter: EnvironmentFilter = {},
): Record<string, string> {
  const windows = (filter.platform ?? process.platform) === 'win32';
  const norm = (name: string): string => (windows ? name.toUpperCase() : name);
  const secret = new Set([...APP_SECRET_VARIABLES, ...(filter.secretVariables ?? [])].map(norm));
  const prefixes = APP_VARIABLE_PREFIXES.map(norm);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const key = norm(name);
    if (secret.has(key) || prefixes.some((p) => key.startsWith(p)) || isInheritedNpmVariable(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** What npm tells a script about itself. */
export interface NpmScriptContext {
  /** The package.json's name and version (version absent when the file has none). */
  packageName: string;
  packageVersion?: string;
  /** Flat `config` values of the package.json (npm exports them as npm_package_config_<key>). */
  packageConfig?: Record<string, string>;
  /** Absolute path of the package.json. */
  packageJson: string;
  /** The script's name (`build`) and its text. */
  event: string;
  script: string;
  /** Where the user started the build: the workspace root (npm: the folder `npm run` ran in). */
  initCwd: string;
  /** The Node binary, when the worker runs on plain Node (under Electron there is none to name). */
  nodeExecPath?: string;
  /** `npm_config_user_agent`, e.g. `workflow-builder node/v20.11.0 linux x64`. */
  userAgent: string;
}

/**
 * The subset of npm's script variables a build gets (npm 10/11 set these for `npm run <event>`).
 * Left out: `npm_command` and `npm_execpath` (no npm runs), the rest of `npm_config_*` (npm derives
 * them from its configuration files; the worker's own environment still passes through), and
 * `COLOR` and `EDITOR` (a build writes to a log, not a terminal).
 */
export function npmScriptVariables(context: NpmScriptContext): Record<string, string> {
  const variables: Record<string, string> = {
    npm_package_name: context.packageName,
    npm_package_json: context.packageJson,
    npm_lifecycle_event: context.event,
    npm_lifecycle_script: context.script,
    npm_config_user_agent: context.userAgent,
    INIT_CWD: context.initCwd,
  };
  if (context.packageVersion !== undefined) variables.npm_package_version = context.packageVersion;
  if (context.nodeExecPath !== undefined) {
    variables.npm_node_execpath = context.nodeExecPath;
    variables.NODE = context.nodeExecPath;
  }
  for (const [key, value] of Object.entries(context.packageConfig ?? {}))
    variables[`npm_package_config_${key}`] = value;
  return variables;
}

/**
 * Layers the build environment: the filtered worker environment, then the workspace's variables,
 * then `overrides` (npm's script variables). Names compare case-insensitively on Windows, so a
 * workspace's `Path` replaces the worker's `PATH` instead of sitting beside it.
 */
export function layerEnvironment(
  layers: ReadonlyArray<Readonly<Record<string, string>>>,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const result: Record<string, string> = {};
  const keyOf = new Map<string, string>();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) {
      const norm = platform === 'win32' ? name.toUpperCase() : name;
      // The first spelling of a name stays (a workspace's `Path` sets the worker's `PATH`).
      const key = keyOf.get(norm) ?? name;
      keyOf.set(norm, key);
      result[key] = value;
    }
  }
  return result;
}
