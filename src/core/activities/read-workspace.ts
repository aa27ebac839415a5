import { z } from 'zod';
import type { DependencyKind } from '../graph/types';
import type { ActivityCatalogEntry } from './types';

/** Input of `readWorkspace`. */
export const ReadWorkspaceInputSchema = z
  .object({
    root: z
      .string()
      .min(1)
      .max(4096)
      .describe('Folder of the monorepo (holds package.json or pnpm-workspace.yaml); a workspace the user opened'),
  })
  .strict();
export type ReadWorkspaceInput = z.infer<typeof ReadWorkspaceInputSchema>;

/** A workspace package: a graph `PackageSpec` plus the folder it lives in. */
export interface WorkspacePackage {
  name: string;
  /**
   * Internal dependencies. `kind` is the strongest field the dependency is listed in
   * (dependencies, optionalDependencies, peerDependencies, devDependencies); `otherKinds`, present
   * only when it is listed in more than one, names the others (a graph that leaves `kind` out of
   * its edge kinds keeps the edge under the next one).
   */
  dependencies: Array<{ name: string; kind: DependencyKind; otherKinds?: DependencyKind[] }>;
  /** Folder of the package relative to the root, with `/` separators. */
  dir: string;
}

/** Result of `readWorkspace`. */
export interface ReadWorkspaceResult {
  /** Sorted by name; each package's dependencies sorted by name. */
  packages: WorkspacePackage[];
  /** Where the package globs came from. */
  source: 'pnpm-workspace.yaml' | 'package.json' | 'default';
}

const READ_WORKSPACE_TYPES = `/** Which monorepo \`readWorkspace\` reads. */
export interface ReadWorkspaceInput {
  /** The monorepo's folder (it holds package.json or pnpm-workspace.yaml), a workspace the user opened. */
  root: string;
}

/** The package.json field that lists a dependency. */
export type WorkspaceDependencyKind = 'dependency' | 'dev' | 'peer' | 'optional';

/** A package of the workspace: its name, its internal dependencies and its folder. */
export interface WorkspacePackage {
  /** The package's name, from its package.json. */
  name: string;
  /**
   * The workspace packages it depends on. \`kind\` is the strongest field that lists the dependency;
   * \`otherKinds\`, present only when more than one field lists it, names the weaker ones.
   */
  dependencies: Array<{
    name: string;
    kind: WorkspaceDependencyKind;
    otherKinds?: WorkspaceDependencyKind[];
  }>;
  /** The package's folder relative to the root, with / separators. */
  dir: string;
}

/** The packages \`readWorkspace\` found. */
export interface ReadWorkspaceResult {
  /** The packages sorted by name, each with its dependencies sorted by name. */
  packages: WorkspacePackage[];
  /** The file the package globs came from (\`default\`: neither lists any, so packages/* is read). */
  source: 'pnpm-workspace.yaml' | 'package.json' | 'default';
}`;

/** `readWorkspace(input)`: a monorepo's packages and internal dependencies. */
export const readWorkspaceActivity: ActivityCatalogEntry = {
  name: 'readWorkspace',
  description:
    'Reads a monorepo (package.json workspaces, pnpm-workspace.yaml or packages/*) into packages with their internal dependencies.',
  signature: { params: 'input: ReadWorkspaceInput', returns: 'Promise<ReadWorkspaceResult>' },
  typeDeclarations: READ_WORKSPACE_TYPES,
  argsSchema: z.tuple([ReadWorkspaceInputSchema]),
  defaultTimeouts: { startToCloseMs: 60_000 },
};
