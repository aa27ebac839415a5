import { z } from 'zod';
import { boundedJson } from '../definition/common';
import { WorkflowDefinitionSchema } from '../definition/workflow-definition';
import { RunDeltaSchema, RunViewSchema } from '../run-status';
import { ConnectionSettingsSchema } from '../settings/connection-settings';
import { MAX_CONCURRENT_CHILDREN } from '../definition/node-kinds/dynamic-loop';
import { AbsolutePathSchema, AllowedCommandSchema, MAX_COMMANDS } from '../settings/worker-policy';
import { MAX_WORKSPACE_VARIABLES, WorkspaceVariableViewSchema } from '../settings/workspace-variables';
import type { Channel, EventName } from './channels';

/**
 * The IPC contract, defined once: for every channel its request and response schema, for every
 * event its payload schema. Main validates every request against it; the renderer's `window.api`
 * type and the browser-mode client are derived from it.
 */

const Id = z.string().min(1).max(200);
const IsoTime = z.string().describe('ISO-8601 timestamp');

/** Summary row of a stored definition. */
export const DefinitionSummarySchema = z
  .object({
    id: Id,
    name: z.string(),
    version: z.number().int().positive(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .strict();
export type DefinitionSummary = z.infer<typeof DefinitionSummarySchema>;

/** A stored definition at one version. */
export const StoredDefinitionSchema = DefinitionSummarySchema.extend({
  definition: WorkflowDefinitionSchema,
}).strict();
export type StoredDefinition = z.infer<typeof StoredDefinitionSchema>;

/** Where the app's Temporal server stands. */
export const ServerStateSchema = z.enum([
  'starting',
  'ready',
  'crashed',
  'stopped',
  'external',
  'unavailable',
]);
export type ServerState = z.infer<typeof ServerStateSchema>;

export const ServerStatusSchema = z
  .object({
    state: ServerStateSchema,
    mode: z.enum(['embedded', 'external']),
    address: z.string().optional().describe('host:port of the frontend gRPC service'),
    namespace: z.string(),
    uiUrl: z.string().optional(),
    pid: z.number().int().optional(),
    restarts: z.number().int().nonnegative(),
    message: z.string().optional().describe('Why the server is not ready, in words a user can act on'),
    since: IsoTime,
  })
  .strict();
export type ServerStatus = z.infer<typeof ServerStatusSchema>;

/** Where the app's worker process stands (it restarts when workflow bundles change, or after a crash). */
export const WorkerStatusSchema = z
  .object({
    state: z.enum(['stopped', 'starting', 'ready', 'crashed']),
    message: z.string().optional().describe('Why it is not ready (a crash and its restart delay)'),
    since: IsoTime,
  })
  .strict();
export type WorkerStatus = z.infer<typeof WorkerStatusSchema>;

/** Status of a run as recorded in the app's own index. */
export const RunStatusSchema = z.enum([
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
  'continued_as_new',
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunRecordSchema = z
  .object({
    workflowId: Id,
    runId: z.string(),
    definitionId: z.string().nullable(),
    definitionVersion: z.number().int().nullable(),
    workflowType: z.string(),
    taskQueue: z.string(),
    status: RunStatusSchema,
    startedAt: IsoTime,
    closedAt: IsoTime.nullable(),
    summary: z.unknown().optional(),
    failure: z
      .string()
      .optional()
      .describe(
        'Why a closed run did not complete: the workflow failure and its causes (a cycle’s path, the failed packages and their errors), the termination reason, a timeout or a cancel',
      ),
  })
  .strict();
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** A run's view and the number of the last `runs.state` delta it contains. */
export const RunSnapshotSchema = z
  .object({
    workflowId: Id,
    runId: z.string(),
    seq: z
      .number()
      .int()
      .nonnegative()
      .describe('Apply only `runs.state` events numbered seq + 1, seq + 2, …; on a gap, ask again'),
    view: RunViewSchema,
    live: z.boolean().describe('The main process follows the run: more events will come'),
  })
  .strict();
export type RunSnapshot = z.infer<typeof RunSnapshotSchema>;

/** The package graph of a run, as its definition declares it. */
export const RunGraphSchema = z
  .object({
    packages: z.array(
      z
        .object({
          name: z.string(),
          dependencies: z.array(z.string()),
          estimatedDurationMs: z.number().optional(),
        })
        .strict(),
    ),
    source: z
      .enum(['definition', 'state', 'none'])
      .describe(
        'definition: an inline graph with its edges; state: only the names the run reports; none: the workflow builds no packages (no loop)',
      ),
  })
  .strict();
export type RunGraph = z.infer<typeof RunGraphSchema>;

/** A compiler diagnostic: data, so the canvas can point at the node and field. */
export const DiagnosticSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    nodeId: z.string().optional(),
    path: z.string(),
    message: z.string(),
  })
  .strict();
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

const Empty = z.object({}).strict();
const PackageNames = z.array(z.string().min(1).max(214)).min(1).max(2000);

/** What an export wrote. */
export const ExportResultSchema = z
  .object({
    outDir: z.string(),
    workflows: z.array(z.object({ workflowType: z.string(), taskQueue: z.string() }).strict()),
    written: z.array(z.string()).describe('Files written, relative to outDir'),
    kept: z.array(z.string()).describe('Files left as they were (they belong to the user once written)'),
  })
  .strict();
export type ExportResult = z.infer<typeof ExportResultSchema>;

/**
 * The Temporal connection as Settings shows it. Secrets are never in it: only where they live
 * (an environment variable, a file, or the OS-encrypted store, which `secretStorage` says
 * whether this app can use).
 */
export const ConnectionSettingsViewSchema = z
  .object({
    connection: ConnectionSettingsSchema,
    /** A key is saved in the OS-encrypted store. */
    apiKeyStored: z.boolean(),
    secretStorage: z
      .object({ canSave: z.boolean(), reason: z.string().optional(), description: z.string() })
      .strict(),
  })
  .strict();
export type ConnectionSettingsView = z.infer<typeof ConnectionSettingsViewSchema>;

/** The workspace roots the worker may build in (real paths), as Settings lists them. */
export const WorkspacesViewSchema = z
  .object({ roots: z.array(z.string()).describe('Opened workspace roots, symlinks resolved') })
  .strict();
export type WorkspacesView = z.infer<typeof WorkspacesViewSchema>;

/**
 * The variables each open workspace adds to its builds (Settings → Workspaces). A secret's value
 * never leaves main; `secretStorage` says whether this app can keep one.
 */
export const WorkspaceVariablesViewSchema = z
  .object({
    variables: z
      .record(z.string(), z.array(WorkspaceVariableViewSchema))
      .describe('Real workspace root → its variables (secret values left out)'),
    secretStorage: z
      .object({ canSave: z.boolean(), reason: z.string().optional(), description: z.string() })
      .strict(),
  })
  .strict();
export type WorkspaceVariablesView = z.infer<typeof WorkspaceVariablesViewSchema>;

/** The command allow-list: the only commands a definition may name (by name). */
export const CommandsViewSchema = z.object({ commands: z.array(AllowedCommandSchema) }).strict();
export type CommandsView = z.infer<typeof CommandsViewSchema>;

/** A folder of the chooser (monorepo.folders). */
export const FolderListingSchema = z
  .object({
    path: z.string().describe('The listed folder (real path)'),
    parent: z.string().nullable().describe('Its parent; null at a root of the chooser'),
    roots: z.array(z.string()).describe('The folders the chooser may list under (home by default)'),
    workspace: z.boolean().describe('The folder is a monorepo root'),
    folders: z.array(
      z.object({ name: z.string(), path: z.string(), workspace: z.boolean() }).strict(),
    ),
    truncated: z.boolean(),
  })
  .strict();
export type FolderListing = z.infer<typeof FolderListingSchema>;

const DependencyKindSchema = z.enum(['dependency', 'optional', 'peer', 'dev']);

/** The graph settings of a monorepo build (the dependencyGraph node's). */
export const MonorepoGraphSettingsSchema = z
  .object({
    edgeKinds: z
      .array(DependencyKindSchema)
      .min(1, 'choose at least one dependency kind')
      .max(4)
      .optional()
      .describe('Which dependency kinds order builds; default all four'),
    breakDevCycles: z.boolean().default(false).describe('Drop the dev edges that close a cycle'),
    filter: z
      .array(z.string().trim().min(1).max(214))
      .max(50)
      .default([])
      .describe('Package name globs ("!" excludes); what they depend on is kept'),
  })
  .strict();

/** What a monorepo build runs: the graph settings plus N, the scripts and fail-fast. */
export const MonorepoBuildSettingsSchema = MonorepoGraphSettingsSchema.extend({
  concurrency: z.number().int().min(1).max(MAX_CONCURRENT_CHILDREN),
  scripts: z
    .array(z.string().trim().min(1, 'a script name must not be empty').max(214))
    .min(1, 'choose at least one script')
    .max(10)
    .describe('package.json scripts run in order in each package'),
  failFast: z.boolean().default(false),
}).strict();

/** A monorepo as its build would see it (monorepo.inspect). */
export const MonorepoInspectionSchema = z
  .object({
    root: z.string().describe('Real path of the folder'),
    ok: z.boolean().describe('False: it cannot be built as set; `problems` say why'),
    problems: z.array(z.string()),
    packages: z
      .array(
        z
          .object({
            name: z.string(),
            dir: z.string().describe('Relative to the root'),
            dependencies: z.array(z.object({ name: z.string(), kind: DependencyKindSchema }).strict()),
          })
          .strict(),
      )
      .describe('Every package the workspace declares (empty when it cannot be read)'),
    selected: z.array(z.string()).describe('The packages the build would build (after the filter)'),
    edges: z
      .array(z.object({ from: z.string(), to: z.string(), kind: DependencyKindSchema }).strict())
      .describe('Build-order edges among the selected packages, `from` depends on `to`'),
    layers: z.array(z.array(z.string())).describe('Packages by depth: each layer only needs the ones before'),
    droppedEdges: z.array(z.string()).describe('Dev edges dropped because they closed a cycle'),
    open: z.boolean().describe('The folder is already an open workspace'),
  })
  .strict();
export type MonorepoInspection = z.infer<typeof MonorepoInspectionSchema>;

/** A run's report as written by its Report node (runs.report). */
export const RunReportSchema = z
  .object({
    title: z.string(),
    generatedAt: z.string(),
    files: z.object({ json: z.string(), markdown: z.string(), html: z.string().optional() }).strict(),
    summary: z
      .unknown()
      .describe('The run summary (core/graph/run-summary RunSummary) report.html shows, when the report has one'),
    edgesKnown: z.boolean().describe('The critical path follows dependency edges (else: the longest package)'),
  })
  .strict();
export type RunReport = z.infer<typeof RunReportSchema>;

/** The channel map: request and response schema per channel. */
export const contract = {
  'definitions.list': { request: Empty, response: z.array(DefinitionSummarySchema) },
  'definitions.get': {
    request: z.object({ id: Id, version: z.number().int().positive().optional() }).strict(),
    response: StoredDefinitionSchema,
  },
  'definitions.save': {
    request: z
      .object({
        id: Id.optional().describe('Omit to create a new definition'),
        expectedVersion: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Refuse the save if the stored version moved on'),
        definition: WorkflowDefinitionSchema,
      })
      .strict(),
    response: DefinitionSummarySchema,
  },
  'definitions.delete': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ deleted: z.boolean() }).strict(),
  },
  'definitions.versions': {
    request: z.object({ id: Id }).strict(),
    response: z.array(DefinitionSummarySchema).describe('Every saved version, newest first'),
  },
  'definitions.restore': {
    request: z.object({ id: Id }).strict().describe('Undo of definitions.delete'),
    response: z.object({ restored: z.boolean() }).strict(),
  },
  'examples.load': {
    request: z.object({ name: z.enum(['package-builder']).describe('Which example') }).strict(),
    response: z
      .object({
        definitions: z
          .array(DefinitionSummarySchema)
          .describe('The example’s definitions, children first; the last is the one to open'),
        alreadyLoaded: z.boolean().describe('Everything was already stored as shipped: nothing was written'),
      })
      .strict(),
  },
  'compiler.compile': {
    request: z.union([
      z.object({ definitionId: Id, version: z.number().int().positive().optional() }).strict(),
      z.object({ definition: WorkflowDefinitionSchema }).strict(),
    ]),
    response: z.object({ code: z.string().nullable(), diagnostics: z.array(DiagnosticSchema) }).strict(),
  },
  'runs.start': {
    request: z
      .object({
        definitionId: Id,
        version: z.number().int().positive().optional(),
        input: z
          .record(z.string().max(200), boundedJson())
          .default({})
          .describe('Run input: field name → JSON value (each under the free-form JSON limits)'),
      })
      .strict(),
    response: RunRecordSchema,
  },
  'runs.cancel': { request: z.object({ workflowId: Id }).strict(), response: RunRecordSchema },
  'runs.list': {
    request: z
      .object({ definitionId: Id.optional(), limit: z.number().int().min(1).max(500).default(50) })
      .strict(),
    response: z.array(RunRecordSchema),
  },
  'runs.get': { request: z.object({ workflowId: Id }).strict(), response: RunRecordSchema },
  'runs.state': { request: z.object({ workflowId: Id }).strict(), response: z.unknown() },
  'runs.snapshot': { request: z.object({ workflowId: Id }).strict(), response: RunSnapshotSchema },
  'runs.graph': { request: z.object({ workflowId: Id }).strict(), response: RunGraphSchema },
  'runs.retry': {
    request: z
      .object({
        workflowId: Id.describe('A closed run: a new run of the same definition version is started'),
        reuseCompleted: z
          .boolean()
          .optional()
          .describe('Seed the new run with the completed packages (default); false: run again from scratch'),
        packages: PackageNames.optional().describe(
          'Retry one package: build only these failed packages and their dependents',
        ),
        input: z
          .record(z.string().max(200), boundedJson())
          .optional()
          .describe('Inputs that replace the old run’s (run again with edited settings)'),
        maxConcurrent: z
          .number()
          .int()
          .min(1)
          .max(MAX_CONCURRENT_CHILDREN)
          .optional()
          .describe('N for the new run instead of the definition’s'),
      })
      .strict(),
    response: RunRecordSchema,
  },
  'runs.retryFailed': {
    request: z
      .object({
        workflowId: Id.describe('A run waiting in its retry window'),
        packages: PackageNames.optional().describe(
          'Retry only these failed packages and the packages they block (default: every failure)',
        ),
      })
      .strict(),
    response: RunRecordSchema,
  },
  'runs.finish': {
    request: z.object({ workflowId: Id.describe('A run waiting in its retry window') }).strict(),
    response: RunRecordSchema,
  },
  'logs.follow': {
    request: z
      .object({
        workflowId: Id,
        packageName: z.string().min(1).max(214),
        attempt: z
          .number()
          .int()
          .min(1)
          .max(1_000_000)
          .optional()
          .describe('Which attempt of the package (each has its own log); default 1'),
      })
      .strict()
      .describe('Start a live tail of a package build log; appended text comes as logs.chunk events'),
    response: z
      .object({
        followId: z.string(),
        text: z.string().describe('The end of the log so far'),
        skippedBytes: z.number().int().nonnegative().describe('Bytes before `text` left out'),
        offset: z.number().int().nonnegative(),
        exists: z.boolean().describe('False while the package has not started writing'),
      })
      .strict(),
  },
  'logs.unfollow': {
    request: z.object({ followId: z.string().min(1).max(100) }).strict(),
    response: z.object({ stopped: z.boolean() }).strict(),
  },
  'export.run': {
    request: z
      .object({
        definitions: z
          .array(z.object({ id: Id, version: z.number().int().positive().optional() }).strict())
          .min(1)
          .max(50)
          .describe('The definitions to export (children they reference are added)'),
        outDir: z.string().min(1).max(4096).describe('Target folder (absolute)'),
        force: z
          .boolean()
          .default(false)
          .describe('Write into a non-empty folder: overwrite only generated files'),
      })
      .strict(),
    response: ExportResultSchema,
  },
  'server.status': { request: Empty, response: ServerStatusSchema },
  'worker.status': { request: Empty, response: WorkerStatusSchema },
  'settings.getConnection': { request: Empty, response: ConnectionSettingsViewSchema },
  'settings.saveConnection': {
    request: z
      .object({
        connection: ConnectionSettingsSchema,
        apiKey: z
          .string()
          .min(1)
          .max(4096)
          .optional()
          .describe('A key to keep in the OS-encrypted store (desktop app); needs connection.apiKey.stored'),
      })
      .strict(),
    response: ConnectionSettingsViewSchema,
  },
  'workspaces.list': { request: Empty, response: WorkspacesViewSchema },
  'workspaces.open': {
    request: z.object({ root: AbsolutePathSchema.describe('An existing folder') }).strict(),
    response: WorkspacesViewSchema,
  },
  'workspaces.close': {
    request: z.object({ root: AbsolutePathSchema }).strict(),
    response: WorkspacesViewSchema,
  },
  'workspaces.variables': { request: Empty, response: WorkspaceVariablesViewSchema },
  'workspaces.saveVariables': {
    request: z
      .object({
        root: AbsolutePathSchema.describe('An open workspace (its real path, as workspaces.list gives it)'),
        variables: z
          .array(z.unknown())
          .max(MAX_WORKSPACE_VARIABLES)
          .describe(
            'The whole list of the workspace: { name, secret, value? }; a secret without a value keeps the stored one. ' +
              'Validated by main, which names the offending entry',
          ),
      })
      .strict(),
    response: WorkspaceVariablesViewSchema,
  },
  'monorepo.folders': {
    request: z
      .object({ path: AbsolutePathSchema.optional().describe('Default: the first root (home)') })
      .strict()
      .describe('The sub-folders of a folder, for the folder chooser; only under its roots'),
    response: FolderListingSchema,
  },
  'monorepo.inspect': {
    request: z
      .object({ root: AbsolutePathSchema, settings: MonorepoGraphSettingsSchema.default({ breakDevCycles: false, filter: [] }) })
      .strict()
      .describe('Reads a monorepo with the build’s graph settings, before anything runs'),
    response: MonorepoInspectionSchema,
  },
  'monorepo.build': {
    request: z
      .object({
        root: AbsolutePathSchema.optional().describe('The monorepo folder; omit with demo'),
        demo: z.boolean().default(false).describe('Build a copy of the demo monorepo (in the data folder)'),
        settings: MonorepoBuildSettingsSchema,
        openWorkspace: z
          .boolean()
          .default(false)
          .describe('The user agreed to open the folder as a workspace (builds run its scripts)'),
      })
      .strict(),
    response: RunRecordSchema,
  },
  'runs.report': {
    request: z.object({ workflowId: Id }).strict(),
    response: RunReportSchema,
  },
  'commands.list': { request: Empty, response: CommandsViewSchema },
  'commands.save': {
    request: z
      .object({
        commands: z
          .array(z.unknown())
          .max(MAX_COMMANDS)
          .describe('The whole allow-list; validated by main, which names the offending entry'),
      })
      .strict(),
    response: CommandsViewSchema,
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

/** Payload schema per event. */
export const events = {
  'server.status': ServerStatusSchema,
  'worker.status': WorkerStatusSchema,
  'runs.changed': RunRecordSchema,
  'runs.state': z
    .object({
      workflowId: Id,
      runId: z.string(),
      seq: z
        .number()
        .int()
        .positive()
        .describe('1, 2, … per workflow; a skipped number means: ask runs.snapshot'),
      delta: RunDeltaSchema.describe('The run summary and only the packages whose view changed'),
    })
    .strict(),
  'logs.chunk': z
    .object({
      followId: z.string(),
      offset: z.number().int().nonnegative().describe('File offset of the first byte of `text`'),
      text: z.string(),
    })
    .strict(),
  'app.error': z
    .object({
      kind: z.enum(['uncaughtException', 'unhandledRejection']),
      message: z.string().describe('The error in words (no stack: that is in the log)'),
      at: IsoTime,
      fatal: z.boolean().describe('True when the app is stopping because of it'),
    })
    .strict()
    .describe('An error no request handled, caught by the last-resort handler of the main process'),
} as const satisfies Record<EventName, z.ZodType>;

/** Request type of a channel (what the caller passes, before defaults). */
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** Parsed request of a channel (what a handler receives, defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
/** Response type of a channel. */
export type ResponseOf<C extends Channel> = z.infer<(typeof contract)[C]['response']>;
/** Payload type of an event. */
export type EventPayloadOf<E extends EventName> = z.infer<(typeof events)[E]>;
