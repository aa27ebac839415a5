import type { z } from 'zod';
import type { StoreContext } from './context';
import { StoreError } from './store-error';

/**
 * Non-secret app settings as JSON values. Never put tokens or passwords here: the file is plain
 * SQLite in the user's data folder.
 */
export class SettingsRepository {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * The stored value, or undefined when unset. With a schema, a value that no longer parses
   * (e.g. written by an older build) also reads as undefined, so callers fall back to a default.
   */
  get(key: string): unknown;
  get<T>(key: string, schema: z.ZodType<T>): T | undefined;
  get<T>(key: string, schema?: z.ZodType<T>): unknown {
    this.checkKey(key);
    return this.ctx.read(() => {
      const json = this.ctx.db
        .prepare<[string], string>('SELECT value_json FROM settings WHERE key = ?')
        .pluck()
        .get(key);
      if (json === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch {
        return undefined;
      }
      if (schema === undefined) return value;
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
  }

  /** Stores a JSON-serializable value (use delete to unset). */
  set(key: string, value: unknown): void {
    this.checkKey(key);
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (err) {
      throw new StoreError('INVALID', `setting ${key} cannot be stored as JSON: ${(err as Error).message}`, {
        file: this.ctx.file,
        path: key,
      });
    }
    if (json === undefined)
      throw new StoreError('INVALID', `setting ${key} cannot be stored as JSON (use delete to unset it)`, {
        file: this.ctx.file,
        path: key,
      });
    this.ctx.write(() => {
      this.ctx.db
        .prepare(
          'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
        )
        .run(key, json, this.ctx.now());
    });
  }

  /** Removes a setting; true if it existed. */
  delete(key: string): boolean {
    this.checkKey(key);
    return this.ctx.write(
      () => this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0,
    );
  }

  private checkKey(key: string): void {
    if (key.length === 0 || key.length > 200)
      throw new StoreError('INVALID', 'a setting key must be 1–200 characters', {
        file: this.ctx.file,
        path: 'key',
      });
  }
}
