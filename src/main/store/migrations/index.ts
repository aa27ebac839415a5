import { migration001Initial } from './001-initial';
import { migration002PackageBuildTime } from './002-package-build-time';
import { migration003PackageBuildWorkspace } from './003-package-build-workspace';
import type { Migration } from './migration';

export { APPLICATION_ID, type Migration } from './migration';

/**
 * Every schema step, in order. Append only: never edit or reorder a migration that has shipped;
 * versions are 1, 2, 3, … without gaps.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002PackageBuildTime,
  migration003PackageBuildWorkspace,
];

/** The newest schema this build knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
