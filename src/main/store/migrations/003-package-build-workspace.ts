import type { Migration } from './migration';

/**
 * The workspace each package build was built in (the run's `workspaceRoot` input). One stored
 * definition builds every monorepo the CLI and the Build a monorepo page are pointed at, and
 * package names repeat across monorepos (`utils`, `core`): without the workspace, a run's estimates
 * mixed the build times of another monorepo's same-named packages into its ETA, its
 * critical-path-first order and its what-if. Rows recorded before this step keep NULL, and count
 * only for runs without a workspace.
 */
export const migration003PackageBuildWorkspace: Migration = {
  version: 3,
  name: 'package-build-workspace',
  up(db) {
    db.exec(`
      ALTER TABLE package_builds ADD COLUMN workspace TEXT;
      CREATE INDEX package_builds_by_workspace ON package_builds (definition_id, workspace, package_name, finished_at DESC);
    `);
  },
};
