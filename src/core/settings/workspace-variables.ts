import { z } from 'zod';

/**
 * Environment variables the user sets per opened workspace (Settings → Workspaces), added to every
 * build in that workspace. Plain values are kept in the settings; a secret value is kept in the
 * encrypting secret store and the settings hold only the key it is stored under. Main resolves
 * the secrets and sends the values to the worker with the policy, in memory only.
 */

/** Settings key of the per-workspace variables (root → stored variables). */
export const WORKSPACE_VARIABLES_SETTING = 'workspaceVariables';
/** At most this many variables per workspace, and this long a value. */
export const MAX_WORKSPACE_VARIABLES = 100;
export const MAX_VARIABLE_VALUE = 32 * 1024;

/**
 * Variables a build always gets from the app (npm's script variables): a workspace may not set
 * them, since the package being built decides their values.
 */
export const RESERVED_VARIABLES: readonly string[] = [
  'npm_package_name',
  'npm_package_version',
  'npm_package_json',
  'npm_lifecycle_event',
  'npm_lifecycle_script',
  'npm_node_execpath',
  'npm_config_user_agent',
  'NODE',
  'INIT_CWD',
];

/** A portable variable name: letters, digits and `_`, not starting with a digit. */
export const VariableNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    'a variable name is 1-128 letters, digits or "_", not starting with a digit',
  )
  .superRefine((name, ctx) => {
    if (RESERVED_VARIABLES.some((r) => r.toLowerCase() === name.toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        message: `${name} is set by the app for each package (npm's script variables)`,
      });
  });

const ValueSchema = z
  .string()
  .max(MAX_VARIABLE_VALUE, `a value is at most ${MAX_VARIABLE_VALUE} characters`)
  .refine((v) => !v.includes('\0'), 'a value must not contain NUL');

/** A variable as the settings keep it: a plain value, or the key of a secret in the secret store. */
export const StoredWorkspaceVariableSchema = z.union([
  z.object({ name: z.string(), value: z.string() }).strict(),
  z.object({ name: z.string(), secretKey: z.string().min(1).max(200) }).strict(),
]);
export type StoredWorkspaceVariable = z.infer<typeof StoredWorkspaceVariableSchema>;

/** The stored setting: real workspace root → its variables. */
export const StoredWorkspaceVariablesSchema = z.record(z.string(), z.array(StoredWorkspaceVariableSchema));
export type StoredWorkspaceVariables = z.infer<typeof StoredWorkspaceVariablesSchema>;

/** A variable as Settings shows it: a secret's value never leaves main. */
export const WorkspaceVariableViewSchema = z
  .object({ name: z.string(), secret: z.boolean(), value: z.string().optional() })
  .strict();
export type WorkspaceVariableView = z.infer<typeof WorkspaceVariableViewSchema>;

/**
 * A variable as Settings saves it. A secret with a value stores (or replaces) it; a secret without
 * one keeps the value already stored under that name.
 */
export const WorkspaceVariableEditSchema = z
  .object({
    name: VariableNameSchema,
    secret: z.boolean().default(false),
    value: ValueSchema.optional(),
  })
  .strict()
  .refine((v) => v.secret || v.value !== undefined, {
    message: 'a variable that is not secret needs a value',
    path: ['value'],
  });
export type WorkspaceVariableEdit = z.infer<typeof WorkspaceVariableEditSchema>;

/** The whole list of one workspace; names are unique (case-insensitively: Windows' are). */
export const WorkspaceVariableEditsSchema = z
  .array(WorkspaceVariableEditSchema)
  .max(MAX_WORKSPACE_VARIABLES)
  .superRefine((variables, ctx) => {
    const seen = new Set<string>();
    variables.forEach((v, index) => {
      const key = v.name.toUpperCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `the name ${v.name} is used twice` });
      seen.add(key);
    });
  });

/** The variables of one workspace as the worker gets them (values resolved). */
export interface WorkspaceEnvironment {
  variables: Readonly<Record<string, string>>;
  /** Secret variables main could not read (name → why): a build there fails, naming them. */
  unavailable?: Readonly<Record<string, string>>;
  /**
   * The environment builds there start from instead of the worker's own: the CLI's build daemon
   * outlives the shell that started it, so its worker builds with the environment of the command
   * that opened the workspace.
   */
  base?: Readonly<Record<string, string>>;
}
