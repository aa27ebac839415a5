import type { ImportSource } from './emitter';

const ORDER: readonly ImportSource[] = [
  '@temporalio/workflow',
  './activity-types',
  './packages',
  './runtime',
  './shared',
];

/** Collects imports and renders them sorted, one statement per module, `import type` when all are types. */
export class ImportSet {
  private readonly modules = new Map<ImportSource, Map<string, boolean>>();

  /** Adds a name; a name imported both as a value and as a type is imported as a value. */
  add(source: ImportSource, name: string, typeOnly = false): void {
    const names = this.modules.get(source) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && typeOnly);
    this.modules.set(source, names);
  }

  /** True when a name of `source` was imported. */
  has(source: ImportSource): boolean {
    return this.modules.has(source);
  }

  /** The import statements. */
  render(): string {
    return ORDER.filter((source) => this.modules.has(source))
      .map((source) => {
        const names = [...this.modules.get(source)!].sort(
          ([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || a.localeCompare(b),
        );
        const allTypes = names.every(([, typeOnly]) => typeOnly);
        const list = names
          .map(([name, typeOnly]) => (typeOnly && !allTypes ? `type ${name}` : name))
          .join(', ');
        return `import ${allTypes ? 'type ' : ''}{ ${list} } from '${source}';`;
      })
      .join('\n');
  }
}
