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

/** A workspace package: a `PackageSpec` of src/core/graph plus the folder it lives in. */
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

const READ_WORKSPACE_TYPES = `/** Input of \`readWorkspace\`. */
export interface ReadWorkspaceInput {
  /** Folder of the monorepo (holds package.json or pnpm-workspace.yaml); a workspace the user opened. */
  root: string;
}

/** Why one package depends on another. */
export type WorkspaceDependencyKind = 'dependency' | 'dev' | 'peer' | 'optional';

/** A workspace package: a graph PackageSpec plus the folder it lives in. */
export interface WorkspacePackage {
  name: string;
  /** Internal dependencies; otherKinds: the weaker fields it is also listed in, if any. */
  dependencies: Array<{
    name: string;
    kind: WorkspaceDependencyKind;
    otherKinds?: WorkspaceDependencyKind[];
  }>;
  /** Folder of the package relative to the root, with / separators. */
  dir: string;
}

/** Result of \`readWorkspace\`. */
export interface ReadWorkspaceResult {
  /** Sorted by name; each package's dependencies sorted by name. */
  packages: WorkspacePackage[];
  /** Where the package globs came from. */
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
