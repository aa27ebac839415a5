import type { StoredDefinition } from '../../core/ipc';
import type { Store } from '../store';
import type {
  ChildRefLike,
  CompileProjectResult,
  ProjectCompilerBinding,
  ProjectInput,
  ResolvedChild,
} from './compiler-port';

/**
 * Compiles a set of root definitions together with every child definition they reference
 * (childWorkflow / dynamicLoop / batchLoop refs `{definitionId, version?}`), into ONE project.
 * Children are found through the compiler's `resolveChild` calls: a ref to a stored definition
 * adds it to the project and the project is compiled again, until nothing new turns up.
 */
export class DefinitionClosure {
  constructor(
    private readonly store: Pick<Store, 'definitions'>,
    private readonly compiler: ProjectCompilerBinding,
    private readonly defaultTaskQueue: string,
  ) {}

  /** Maps a ref to its workflow type and task queue (the compiler's workflowIdentity, synchronous). */
  resolveChild(ref: ChildRefLike, found?: (definition: StoredDefinition) => void): ResolvedChild | undefined {
    if (ref.workflowType && !ref.definitionId)
      return { workflowType: ref.workflowType, taskQueue: this.defaultTaskQueue };
    if (!ref.definitionId) return undefined;
    let stored: StoredDefinition;
    try {
      stored = this.store.definitions.get(ref.definitionId, ref.version);
    } catch {
      return undefined;
    }
    found?.(stored);
    return this.compiler.workflowIdentity(stored.definition, {
      version: stored.version,
      defaultTaskQueue: this.defaultTaskQueue,
    });
  }

  /**
   * Compiles `roots` and their children. When the project does not compile, `drop` is given the
   * definitions that do not compile on their own and returns those that may be left out (the
   * project is compiled again without them); without `drop` the failure is returned as is.
   */
  async compile(
    roots: readonly StoredDefinition[],
    drop?: (failing: StoredDefinition[]) => StoredDefinition[],
  ): Promise<{ result: CompileProjectResult; definitions: StoredDefinition[] }> {
    const wanted = new Map<string, StoredDefinition>();
    for (const d of roots) wanted.set(`${d.id}@${d.version}`, d);
    let result: CompileProjectResult = { ok: false, diagnostics: [] };
    for (let round = 0; round < 50; round++) {
      let grew = false;
      result = await this.compiler.compileProject([...wanted.values()].map(toInput), {
        defaultTaskQueue: this.defaultTaskQueue,
        resolveChild: (ref: ChildRefLike) =>
          this.resolveChild(ref, (child) => {
            const k = `${child.id}@${child.version}`;
            if (!wanted.has(k)) {
              wanted.set(k, child);
              grew = true;
            }
          }),
      });
      if (!result.ok && drop) {
        const failing: StoredDefinition[] = [];
        for (const d of wanted.values()) if (!(await this.compilesAlone(d))) failing.push(d);
        for (const d of drop(failing)) {
          wanted.delete(`${d.id}@${d.version}`);
          grew = true;
        }
      }
      if (!grew) break;
    }
    return { result, definitions: [...wanted.values()] };
  }

  /** True when the definition (with its children) compiles as a project of its own. */
  async compilesAlone(d: StoredDefinition): Promise<boolean> {
    return (await this.compile([d])).result.ok;
  }
}

function toInput(d: StoredDefinition): ProjectInput {
  return { definition: d.definition, definitionId: d.id, version: d.version };
}
