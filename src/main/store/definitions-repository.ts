import { randomUUID } from 'node:crypto';
import type { DefinitionSummary, StoredDefinition } from '../../core/ipc/contract';
import { WorkflowDefinitionSchema } from '../../core/definition/workflow-definition';
import type { StoreContext } from './context';
import { StoreError, issuePath } from './store-error';

export interface SaveDefinitionInput {
  /** Omit to create a new definition. */
  id?: string;
  /** Refuse the save (CONFLICT) unless the stored version is still this one. */
  expectedVersion?: number;
  /** Validated with WorkflowDefinitionSchema; the parsed value (defaults applied) is stored. */
  definition: unknown;
}

export interface GetDefinitionOptions {
  /** Also read soft-deleted definitions (e.g. to show the version an old run used). */
  includeDeleted?: boolean;
}

/** A stored definition version that no longer parses with the current WorkflowDefinitionSchema. */
export interface DefinitionProblem {
  id: string;
  name: string;
  version: number;
  /** Dotted path of the first failing field ('' when the JSON itself is unreadable). */
  path: string;
  message: string;
}

interface HeadRow {
  id: string;
  name: string;
  current_version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface VersionRow {
  version: number;
  name: string;
  definition_json: string;
  created_at: string;
}

/**
 * Workflow definitions, versioned (`definitions` holds the head row, `definition_versions` one
 * row per save). Each save prunes versions beyond the newest KEEP_VERSIONS_SETTING, except the
 * ones runs or child-workflow nodes refer to, so saving cannot grow the file without bound. Delete is soft: the rows stay, so runs that used a
 * deleted definition can still show the exact version they ran.
 */
export class DefinitionsRepository {
  constructor(private readonly ctx: StoreContext) {}

  /** Live (not deleted) definitions, most recently saved first. Never parses definition JSON. */
  list(): DefinitionSummary[] {
    return this.ctx.read(() =>
      this.ctx.db
        .prepare<[], HeadRow>(
          'SELECT * FROM definitions WHERE deleted_at IS NULL ORDER BY updated_at DESC, name, id',
        )
        .all()
        .map((row) => summary(row.id, row.name, row.current_version, row.created_at, row.updated_at)),
    );
  }

  /** One version (default: the current one). NOT_FOUND if unknown or deleted; INVALID (with path) if it no longer parses. */
  get(id: string, version?: number, options: GetDefinitionOptions = {}): StoredDefinition {
    return this.ctx.read(() => {
      const head = this.head(id, options);
      const wanted = version ?? head.current_version;
      const row = this.ctx.db
        .prepare<[string, number], VersionRow>(
          'SELECT * FROM definition_versions WHERE definition_id = ? AND version = ?',
        )
        .get(id, wanted);
      if (row === undefined) {
        throw new StoreError(
          'NOT_FOUND',
          `definition ${id} has no version ${wanted} (latest is ${head.current_version})`,
          { file: this.ctx.file },
        );
      }
      const parsed = parseStored(row.definition_json);
      if (!parsed.ok) {
        throw new StoreError(
          'INVALID',
          `stored definition ${id} version ${wanted} no longer matches the definition schema${parsed.path ? ` at ${parsed.path}` : ''}: ${parsed.message}`,
          {
            file: this.ctx.file,
            path: parsed.path,
          },
        );
      }
      return {
        ...summary(id, row.name, row.version, head.created_at, row.created_at),
        definition: parsed.value,
      };
    });
  }

  /** Every saved version of a definition, newest first. */
  versions(id: string, options: GetDefinitionOptions = {}): DefinitionSummary[] {
    return this.ctx.read(() => {
      const head = this.head(id, options);
      return this.ctx.db
        .prepare<[string], Omit<VersionRow, 'definition_json'>>(
          'SELECT version, name, created_at FROM definition_versions WHERE definition_id = ? ORDER BY version DESC',
        )
        .all(id)
        .map((row) => summary(id, row.name, row.version, head.created_at, row.created_at));
    });
  }

  /**
   * Creates a definition (no id) at version 1, or stores version n+1 of an existing one.
   * INVALID (with the failing field's path) leaves the store unchanged; CONFLICT when
   * `expectedVersion` is given and the stored version has moved on.
   */
  save(input: SaveDefinitionInput): DefinitionSummary {
    const { file } = this.ctx;
    const parsed = WorkflowDefinitionSchema.safeParse(input.definition);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? issuePath(issue.path) : '';
      throw new StoreError(
        'INVALID',
        `definition is invalid${path ? ` at ${path}` : ''}: ${issue?.message ?? 'unknown problem'}`,
        { file, path },
      );
    }
    if (input.id === undefined && input.expectedVersion !== undefined) {
      throw new StoreError(
        'INVALID',
        'expectedVersion was given without the id of the definition to update',
        { file, path: 'expectedVersion' },
      );
    }
    const definition = parsed.data;
    const json = JSON.stringify(definition);
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const db = this.ctx.db;
      let id: string;
      let version: number;
      let createdAt: string;
      if (input.id === undefined) {
        id = randomUUID();
        version = 1;
        createdAt = now;
        db.prepare(
          'INSERT INTO definitions (id, name, current_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
        ).run(id, definition.name, now, now);
      } else {
        const head = this.head(input.id, {});
        if (input.expectedVersion !== undefined && input.expectedVersion !== head.current_version) {
          throw new StoreError(
            'CONFLICT',
            `definition "${head.name}" (${head.id}) was changed elsewhere: this edit is based on version ${input.expectedVersion} but the stored version is ${head.current_version}`,
            { file },
          );
        }
        id = head.id;
        version = head.current_version + 1;
        createdAt = head.created_at;
        db.prepare('UPDATE definitions SET name = ?, current_version = ?, updated_at = ? WHERE id = ?').run(
          definition.name,
          version,
          now,
          id,
        );
      }
      db.prepare(
        'INSERT INTO definition_versions (definition_id, version, name, definition_json, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(id, version, definition.name, json, now);
      this.prune(id, version);
      return summary(id, definition.name, version, createdAt, now);
    });
  }

  /** Soft delete: hides the definition from list/get/save; its versions and runs stay. */
  delete(id: string): { deleted: boolean } {
    return this.ctx.write(() => {
      const result = this.ctx.db
        .prepare('UPDATE definitions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
        .run(this.ctx.now(), id);
      return { deleted: result.changes > 0 };
    });
  }

  /** Undoes a (soft) delete: the definition is listed again with all its versions. */
  restore(id: string): { restored: boolean } {
    return this.ctx.write(() => {
      const result = this.ctx.db
        .prepare('UPDATE definitions SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL')
        .run(id);
      return { restored: result.changes > 0 };
    });
  }

  /** Current versions of live definitions whose stored JSON no longer parses (for a warning in the UI). */
  problems(): DefinitionProblem[] {
    return this.ctx.read(() => {
      const rows = this.ctx.db
        .prepare<[], VersionRow & { id: string }>(
          `SELECT d.id, v.version, v.name, v.definition_json, v.created_at
             FROM definitions d JOIN definition_versions v ON v.definition_id = d.id AND v.version = d.current_version
            WHERE d.deleted_at IS NULL ORDER BY d.updated_at DESC`,
        )
        .all();
      const problems: DefinitionProblem[] = [];
      for (const row of rows) {
        const parsed = parseStored(row.definition_json);
        if (!parsed.ok)
          problems.push({
            id: row.id,
            name: row.name,
            version: row.version,
            path: parsed.path,
            message: parsed.message,
          });
      }
      return problems;
    });
  }

  /**
   * Keeps the newest `keepVersions()` versions of a definition and deletes older ones, except a
   * version a stored run refers to (its dashboard shows the exact version it ran) or one that a
   * child-workflow node of any stored definition pins. Runs inside save's transaction.
   */
  private prune(id: string, current: number): void {
    const keep = keepVersions(this.ctx);
    if (current <= keep) return;
    const pinned = this.pinnedByChildren(id);
    const candidates = this.ctx.db
      .prepare<[string, number], number>(
        `SELECT v.version FROM definition_versions v
          WHERE v.definition_id = ? AND v.version <= ?
            AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.definition_id = v.definition_id AND r.definition_version = v.version)`,
      )
      .pluck()
      .all(id, current - keep);
    const remove = this.ctx.db.prepare('DELETE FROM definition_versions WHERE definition_id = ? AND version = ?');
    for (const version of candidates) if (!pinned.has(version)) remove.run(id, version);
  }

  /** Versions of `id` named by `{ definitionId: id, version }` in a child-workflow node of any stored version. */
  private pinnedByChildren(id: string): Set<number> {
    const needle = `%"definitionId":${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.ctx.db
      .prepare<[string], string>("SELECT definition_json FROM definition_versions WHERE definition_json LIKE ? ESCAPE '\\'")
      .pluck()
      .all(needle);
    const pinned = new Set<number>();
    for (const json of rows) {
      let nodes: unknown;
      try {
        nodes = (JSON.parse(json) as { nodes?: unknown }).nodes;
      } catch {
        continue;
      }
      if (!Array.isArray(nodes)) continue;
      for (const node of nodes as Array<{ data?: { workflow?: { definitionId?: unknown; version?: unknown } } }>) {
        const ref = node?.data?.workflow;
        if (ref?.definitionId === id && typeof ref.version === 'number') pinned.add(ref.version);
      }
    }
    return pinned;
  }

  private head(id: string, options: GetDefinitionOptions): HeadRow {
    const row = this.ctx.db.prepare<[string], HeadRow>('SELECT * FROM definitions WHERE id = ?').get(id);
    if (row === undefined)
      throw new StoreError('NOT_FOUND', `no definition with id ${id}`, { file: this.ctx.file });
    if (row.deleted_at !== null && options.includeDeleted !== true) {
      throw new StoreError('NOT_FOUND', `definition "${row.name}" (${id}) was deleted`, {
        file: this.ctx.file,
      });
    }
    return row;
  }
}

/** Setting (a whole number ≥ 1) of how many versions of each definition are kept. */
export const KEEP_VERSIONS_SETTING = 'definitions.keepVersions';
/** Default of KEEP_VERSIONS_SETTING: a long undo history, but a bounded one. */
export const DEFAULT_KEEP_VERSIONS = 50;

function keepVersions(ctx: StoreContext): number {
  const json = ctx.db
    .prepare<[string], string>('SELECT value_json FROM settings WHERE key = ?')
    .pluck()
    .get(KEEP_VERSIONS_SETTING);
  if (json === undefined) return DEFAULT_KEEP_VERSIONS;
  const value: unknown = JSON.parse(json);
  // A bad value (hand-edited file) keeps everything rather than deleting on a guess.
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : Number.MAX_SAFE_INTEGER;
}

function summary(
  id: string,
  name: string,
  version: number,
  createdAt: string,
  updatedAt: string,
): DefinitionSummary {
  return { id, name, version, createdAt, updatedAt };
}

type Parsed =
  { ok: true; value: StoredDefinition['definition'] } | { ok: false; path: string; message: string };

function parseStored(json: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { ok: false, path: '', message: `unreadable JSON (${(err as Error).message})` };
  }
  const parsed = WorkflowDefinitionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    path: issue ? issuePath(issue.path) : '',
    message: issue?.message ?? 'unknown problem',
  };
}
