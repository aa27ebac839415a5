import type { Migration } from './migration';

/**
 * The build's own time next to the parent-observed duration of each package build: the child's
 * result (`{ build: { durationMs } }`) gives it. The observed duration carries that child's own
 * overhead sample, heavy-tailed under load; predictions built from build time + one median
 * overhead miss less (docs/architecture/performance.md, "Predictions"). Rows recorded before this
 * step, and builds whose result says no time, keep NULL.
 */
export const migration002PackageBuildTime: Migration = {
  version: 2,
  name: 'package-build-time',
  up(db) {
    db.exec(
      'ALTER TABLE package_builds ADD COLUMN build_ms INTEGER CHECK (build_ms IS NULL OR build_ms >= 0)',
    );
  },
};
