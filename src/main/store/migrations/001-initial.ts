import { APPLICATION_ID, type Migration } from './migration';

/**
 * The first schema: definitions with all their versions, the app's own run index, package build
 * history for ETAs, and non-secret settings. Enum-like columns (run status, build status) are
 * checked in code, not with CHECK constraints, so adding a value never needs a table rebuild.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE definitions (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        current_version INTEGER NOT NULL CHECK (current_version >= 1),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        deleted_at      TEXT
      ) STRICT;

      CREATE TABLE definition_versions (
        definition_id   TEXT NOT NULL REFERENCES definitions (id) ON DELETE CASCADE,
        version         INTEGER NOT NULL CHECK (version >= 1),
        name            TEXT NOT NULL,
        definition_json TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (definition_id, version)
      ) STRICT;

      -- No foreign key to definitions: runs outlive the definition they came from.
      CREATE TABLE runs (
        workflow_id        TEXT NOT NULL,
        run_id             TEXT NOT NULL,
        definition_id      TEXT,
        definition_version INTEGER,
        workflow_type      TEXT NOT NULL,
        task_queue         TEXT NOT NULL,
        status             TEXT NOT NULL,
        started_at         TEXT NOT NULL,
        closed_at          TEXT,
        summary_json       TEXT,
        updated_at         TEXT NOT NULL,
        PRIMARY KEY (workflow_id, run_id)
      ) STRICT;
      CREATE INDEX runs_by_started ON runs (started_at DESC);
      CREATE INDEX runs_by_definition ON runs (definition_id, started_at DESC);
      CREATE INDEX runs_by_status ON runs (status) WHERE status = 'running';

      CREATE TABLE package_builds (
        id            INTEGER PRIMARY KEY,
        definition_id TEXT,
        package_name  TEXT NOT NULL,
        workflow_id   TEXT,
        status        TEXT NOT NULL,
        duration_ms   INTEGER NOT NULL CHECK (duration_ms >= 0),
        finished_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX package_builds_by_package ON package_builds (package_name, finished_at DESC);
      CREATE INDEX package_builds_by_definition ON package_builds (definition_id, package_name, finished_at DESC);

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
