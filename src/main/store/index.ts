import { createContext } from './context';
import { DefinitionsRepository } from './definitions-repository';
import { openDatabase } from './open-database';
import { PackageBuildsRepository } from './package-builds-repository';
import { RunsRepository } from './runs-repository';
import { SettingsRepository } from './settings-repository';

export { StoreError, isStoreError, type StoreErrorCode } from './store-error';
export { LATEST_SCHEMA_VERSION, APPLICATION_ID, MIGRATIONS, type Migration } from './migrations';
export type {
  DefinitionsRepository,
  SaveDefinitionInput,
  GetDefinitionOptions,
  DefinitionProblem,
} from './definitions-repository';
export type { RunsRepository, ListRunsOptions, MarkClosedInput } from './runs-repository';
export {
  PackageBuildStatusSchema,
  type PackageBuildsRepository,
  type BuildSample,
  type PackageBuildInput,
  type PackageBuildStatus,
} from './package-builds-repository';
export type { SettingsRepository } from './settings-repository';

/** The app's local database: definitions, the run index, package build history and settings. */
export interface Store {
  /** Absolute path of the database file. */
  readonly file: string;
  /** Schema version the file is at (PRAGMA user_version). */
  readonly schemaVersion: number;
  readonly definitions: DefinitionsRepository;
  readonly runs: RunsRepository;
  readonly packageBuilds: PackageBuildsRepository;
  readonly settings: SettingsRepository;
  /** Runs `fn` as one all-or-nothing transaction; store writes inside it join it. */
  transaction<T>(fn: () => T): T;
  /** Closes the connection (checkpointing the WAL). Safe to call twice. */
  close(): void;
}

export interface OpenStoreOptions {
  /** Clock for timestamps (tests). Default: `() => new Date()`. */
  now?: () => Date;
}

/**
 * Opens the store at `filePath`, creating the file (and its folder) if missing and migrating it
 * to the newest schema. Throws StoreError: SCHEMA_TOO_NEW or CORRUPT (the file is left
 * byte-identical), IO.
 */
export function openStore(filePath: string, options: OpenStoreOptions = {}): Store {
  const { db, schemaVersion } = openDatabase(filePath);
  const ctx = createContext(db, db.name, options.now ?? (() => new Date()));
  return {
    file: db.name,
    schemaVersion,
    definitions: new DefinitionsRepository(ctx),
    runs: new RunsRepository(ctx),
    packageBuilds: new PackageBuildsRepository(ctx),
    settings: new SettingsRepository(ctx),
    transaction: (fn) => ctx.write(fn),
    close: () => {
      if (db.open) db.close();
    },
  };
}
