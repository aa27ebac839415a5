import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, writePrivateFileAtomically } from '../app/private-files';
import type { CompileProjectResult } from './compiler-port';
import { pruneLeastRecent } from './prune-least-recent';

/** Bumped when an entry's layout changes, so older entries are ignored. */
const ENTRY_FORMAT = 1;

/** A successful compilation, as the registry uses it. */
export type CompiledProject = Extract<CompileProjectResult, { ok: true }>;

interface Entry {
  format: number;
  key: string;
  result: CompiledProject;
}

export interface CompileCacheOptions {
  dataDir: string;
  /**
   * The compiler's version (compiler-fingerprint.ts): part of every key, so a changed compiler
   * never reuses what an older one wrote.
   */
  fingerprint: string;
  /** Entries kept; the least recently written beyond it are deleted after each put. @default 50 */
  maxEntries?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * Compiled projects in `<dataDir>/compiled/<sha256>.json`, keyed by what a compilation depends on:
 * the compiler's fingerprint and the caller's description of its inputs (the WorkflowRegistry's:
 * the roots and every stored definition head, which are immutable per version).
 *
 * Why: a CLI `build` is a new process every time, and compiling (prettier included) cost it
 * ~0.2–0.35 s of CPU at every start while its worker process loads on the same two cores
 * (issue 12). A miss or an unreadable entry only means compiling again: the cache never decides
 * anything the compiler would not.
 */
export class CompileCache {
  private readonly dir: string;

  constructor(private readonly options: CompileCacheOptions) {
    this.dir = join(options.dataDir, 'compiled');
  }

  /** The entry's file name for `inputsKey` (the fingerprint folded in). */
  keyOf(inputsKey: string): string {
    return createHash('sha256')
      .update(`${ENTRY_FORMAT}\n${this.options.fingerprint}\n${inputsKey}`)
      .digest('hex');
  }

  /** The cached project, or undefined (a miss, or an entry that cannot be read: it is removed). */
  get(inputsKey: string): CompiledProject | undefined {
    const key = this.keyOf(inputsKey);
    const file = join(this.dir, `${key}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as Partial<Entry>;
      if (entry.format === ENTRY_FORMAT && entry.key === key && isCompiledProject(entry.result))
        return entry.result;
    } catch {
      // fall through: a torn or foreign file is dropped and compiled again
    }
    this.options.log?.('warn', `compile cache entry ${file} is unreadable; compiling again`);
    rmSync(file, { force: true });
    return undefined;
  }

  /**
   * Stores `result` under `inputsKey` (written to a temporary file, then renamed: never torn), then
   * deletes the least recently written entries beyond `maxEntries`.
   */
  async put(inputsKey: string, result: CompiledProject): Promise<void> {
    const key = this.keyOf(inputsKey);
    try {
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      const entry: Entry = { format: ENTRY_FORMAT, key, result };
      writePrivateFileAtomically(join(this.dir, `${key}.json`), JSON.stringify(entry));
      await pruneLeastRecent(this.dir, this.options.maxEntries ?? 50, (name) => name.endsWith('.json'));
    } catch (error) {
      // A full disk or a read-only data folder costs the next start a compilation, nothing more.
      this.options.log?.('warn', `compile cache: cannot store an entry: ${String(error)}`);
    }
  }
}

function isCompiledProject(value: unknown): value is CompiledProject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CompiledProject>;
  return (
    v.ok === true &&
    typeof v.files === 'object' &&
    v.files !== null &&
    Object.values(v.files).every((text) => typeof text === 'string') &&
    Array.isArray(v.workflows) &&
    v.workflows.every(
      (w) =>
        typeof w?.workflowType === 'string' &&
        typeof w.taskQueue === 'string' &&
        typeof w.definitionId === 'string' &&
        typeof w.version === 'number',
    ) &&
    Array.isArray(v.diagnostics)
  );
}
