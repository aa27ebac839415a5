/**
 * The app's Build a monorepo page, on the main side: the folder chooser's listings, a look at a
 * monorepo before it runs (its packages and build graph, or why it cannot be built), and the
 * build itself — the folder opened as a workspace (only once the user agreed), the definition
 * stored by the same idempotent service `workflow-builder build` uses (examples/monorepo-build),
 * and the run started by the app's launcher.
 */
import { homedir } from 'node:os';
import type { DependencyKind, GraphOptions } from '../../core/graph/types';
import {
  IpcFailure,
  type FolderListing,
  type MonorepoInspection,
  type ParsedRequestOf,
  type RunRecord,
} from '../../core/ipc';
import type { RunLauncher } from '../ipc/handlers/runs-handlers';
import type { WorkerPolicySettings } from '../app/worker-policy-settings';
import { copyDemoMonorepo } from '../examples/demo-monorepo';
import { storeMonorepoBuild, WORKSPACE_ROOT_INPUT } from '../examples/monorepo-build';
import type { Store } from '../store';
import { checkWorkspace, type SettingHints } from './check-workspace';
import { allowedFolder, chooserRoots, listFolders } from './folder-listing';

/** The page's names for the graph settings a cycle message mentions. */
const FORM_HINTS: SettingHints = [
  [/"breakDevCycles"/, '“Drop dev edges that close a cycle”'],
  [/"edgeKinds"/, 'untick “dev” under Dependency kinds'],
];

export interface MonorepoBuildServiceDeps {
  store: Pick<Store, 'definitions'>;
  launcher: RunLauncher;
  policy: Pick<WorkerPolicySettings, 'open' | 'workspaces'>;
  /** The app's data folder: the demo's copy goes there. */
  dataDir: string;
  /** Folders the chooser lists under. @default [home] */
  chooserRoots?: readonly string[];
  resourcesPath?: string;
}

type GraphSettings = ParsedRequestOf<'monorepo.inspect'>['settings'];
type BuildRequest = ParsedRequestOf<'monorepo.build'>;

export class MonorepoBuildService {
  constructor(private readonly deps: MonorepoBuildServiceDeps) {}

  /**
   * Where the chooser may look: its roots, plus the open workspaces (chosen before) and the demo's
   * copy in the data folder, which may lie outside home.
   */
  private roots(): string[] {
    return [...(this.deps.chooserRoots ?? [homedir()]), ...this.deps.policy.workspaces()];
  }

  folders(path: string | undefined): Promise<FolderListing> {
    return listFolders(path, this.roots());
  }

  async inspect(root: string, settings: GraphSettings): Promise<MonorepoInspection> {
    const real = await allowedFolder(root, await chooserRoots(this.roots()));
    const checked = await checkWorkspace(real, graphOptions(settings), {
      label: 'setting',
      settings: FORM_HINTS,
    });
    const open = this.deps.policy.workspaces().includes(real);
    if (!checked.ok) {
      return {
        root: real,
        ok: false,
        problems: checked.problems,
        packages: [],
        selected: [],
        edges: [],
        layers: [],
        droppedEdges: [],
        open,
      };
    }
    const { graph } = checked;
    return {
      root: real,
      ok: true,
      problems: [],
      packages: checked.packages.map((p) => ({
        name: p.name,
        dir: p.dir,
        dependencies: p.dependencies.map((d) => ({ name: d.name, kind: d.kind })),
      })),
      selected: graph.nodes().map((n) => n.name),
      edges: graph.edges().map((e) => ({ from: e.from, to: e.to, kind: e.kind })),
      layers: graph.layers(),
      droppedEdges: checked.droppedEdges,
      open,
    };
  }

  /**
   * Starts a build of `root` (or of the demo's copy). Refuses a folder that cannot be built with
   * its problems, and a folder not yet open unless the user agreed to open it.
   */
  async build(request: BuildRequest): Promise<RunRecord> {
    let root: string;
    if (request.demo) {
      if (request.root !== undefined)
        throw new IpcFailure('INVALID_INPUT', 'Give either a folder or demo, not both', 'root');
      root = (await copyDemoMonorepo(this.deps.dataDir, { resourcesPath: this.deps.resourcesPath })).path;
      root = await allowedFolder(root, await chooserRoots([root]));
    } else {
      if (request.root === undefined)
        throw new IpcFailure('INVALID_INPUT', 'Choose the monorepo folder', 'root');
      root = await allowedFolder(request.root, await chooserRoots(this.roots()));
    }
    const { settings } = request;
    const checked = await checkWorkspace(root, graphOptions(settings), {
      label: 'setting',
      settings: FORM_HINTS,
    });
    if (!checked.ok)
      throw new IpcFailure('INVALID_INPUT', `Cannot build ${root}: ${checked.problems.join('; ')}`, 'root');
    // The demo's copy is the app's own folder; any other opens only with the user's consent.
    if (!this.deps.policy.workspaces().includes(root)) {
      if (!request.demo && !request.openWorkspace) {
        throw new IpcFailure(
          'CONFLICT',
          `${root} is not an open workspace: confirm opening it (builds will run its packages' scripts)`,
          'openWorkspace',
        );
      }
      this.deps.policy.open(root);
    }
    const stored = storeMonorepoBuild(this.deps.store, {
      concurrency: settings.concurrency,
      scripts: settings.scripts,
      failFast: settings.failFast,
      ...(settings.edgeKinds && { edgeKinds: settings.edgeKinds }),
      filter: settings.filter,
      retryWindowMs: 0,
      breakDevCycles: settings.breakDevCycles,
    });
    const parent = stored.definitions.at(-1)!;
    const definition = this.deps.store.definitions.get(parent.id, parent.version);
    return this.deps.launcher.start(definition, { [WORKSPACE_ROOT_INPUT]: root });
  }
}

function graphOptions(settings: GraphSettings): GraphOptions {
  return {
    ...(settings.edgeKinds && { edgeKinds: settings.edgeKinds as DependencyKind[] }),
    ...(settings.breakDevCycles && { breakDevCycles: true }),
    ...(settings.filter.length > 0 && { filter: settings.filter }),
  };
}
