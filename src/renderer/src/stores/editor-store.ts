import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  validateDefinition,
  type Diagnostic,
  type NodeKind,
  type WorkflowDefinition,
} from '../../../core/definition';
import {
  addNodeChange,
  checkConnection,
  commit,
  copySelection,
  createHistory,
  deleteSelection,
  parseClipboard,
  pasteChanges,
  layoutDefinition,
  placeUnpositioned,
  redo,
  tidyUpChanges,
  undo,
  type ConnectionRequest,
  type EditHistory,
  type WorkflowChange,
} from '../../../core/editor';
import type { WorkflowBuilderApi } from '../../../core/ipc/api';
import type { DefinitionSummary, RunRecord } from '../../../core/ipc/contract';
import { ApiError, call, errorMessage } from '../api/calls';

/**
 * The canvas's store: the definition being edited as an undo/redo history (src/core/editor), the
 * selection, live diagnostics, the generated code, and save/run. A factory, like the app store, so
 * each test and each open editor gets its own. Every edit goes through `apply`, which commits one
 * history step; the React Flow view only renders what this holds.
 */

export type EditorStatus = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

export interface SaveState {
  status: 'idle' | 'saving' | 'saved' | 'error' | 'conflict';
  message: string | null;
}

export interface CodeState {
  status: 'idle' | 'compiling' | 'ready' | 'error';
  code: string | null;
  diagnostics: Diagnostic[];
  message: string | null;
}

export interface EditorState {
  status: EditorStatus;
  error: string | null;
  /** The stored definition's id and the version the edits are based on. */
  summary: DefinitionSummary | null;
  /** Set when an older version is open read-only. */
  readOnlyVersion: number | null;
  history: EditHistory | null;
  /** The definition as last loaded or saved, to tell unsaved edits. */
  saved: WorkflowDefinition | null;
  selection: { nodes: string[]; edges: string[] };
  diagnostics: Diagnostic[];
  save: SaveState;
  code: CodeState;
  /** A short message for the user (a refused connection's reason, a paste that had nothing). */
  notice: string | null;
  versions: DefinitionSummary[];
  actions: EditorActions;
}

export interface EditorActions {
  load(id: string, version?: number): Promise<void>;
  /** Commits `changes` as one undoable step; ignored when read-only. */
  apply(label: string, changes: WorkflowChange[], mergeKey?: string): void;
  undo(): void;
  redo(): void;
  select(nodes: string[], edges?: string[]): void;
  addNode(kind: NodeKind, position: { x: number; y: number }): void;
  /** Draws an edge if the ports allow it; returns the refusal reason otherwise. */
  connect(request: ConnectionRequest): string | null;
  deleteSelection(): void;
  /** The selection as clipboard text (empty string when nothing is selected). */
  copySelection(): string;
  /** Pastes clipboard text from this or another definition; one undo step. */
  paste(text: string): void;
  duplicateSelection(): void;
  /** Lays the definition out again (off the main thread in the app); one undo step. */
  tidyUp(): Promise<void>;
  save(): Promise<DefinitionSummary | null>;
  /** Saves the open read-only version as the newest version. */
  restoreVersion(): Promise<DefinitionSummary | null>;
  loadVersions(): Promise<void>;
  refreshCode(): Promise<void>;
  startRun(input: Record<string, unknown>): Promise<RunRecord>;
  setNotice(notice: string | null): void;
  dispose(): void;
}

export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreDeps {
  api: WorkflowBuilderApi;
  /** Delay of live diagnostics and code after an edit. @default 250 */
  debounceMs?: number;
  /**
   * Lays a definition out (open of unpositioned nodes, tidy up). The editor page passes the
   * layout Web Worker's (lib/layout-client.ts), so a large definition never blocks the page.
   * @default inline, on the calling thread
   */
  layout?: (def: WorkflowDefinition) => Promise<Map<string, { x: number; y: number }>>;
}

export function createEditorStore(deps: EditorStoreDeps): EditorStore {
  const { api } = deps;
  const debounceMs = deps.debounceMs ?? 250;
  const layout = deps.layout ?? ((def: WorkflowDefinition) => Promise.resolve(layoutDefinition(def)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loadSeq = 0;
  let codeSeq = 0;

  return createStore<EditorState>()((set, get) => {
    const definition = (): WorkflowDefinition | null => get().history?.definition ?? null;
    const editable = (): boolean => get().history !== null && get().readOnlyVersion === null;

    // Diagnostics and code follow edits after a pause, so typing never waits for them.
    const scheduleChecks = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const def = definition();
        if (!def) return;
        const live = validateDefinition(def).diagnostics;
        set({ diagnostics: live });
        void compile(live);
      }, debounceMs);
    };

    const setHistory = (history: EditHistory) => {
      // An undo can remove selected nodes (a paste undone): the selection keeps only what exists, or
      // the next click would add to ids that are gone (and the code view would follow none).
      const current = get().selection;
      let selection = current;
      if (current.nodes.length > 0 || current.edges.length > 0) {
        const nodeIds = new Set(history.definition.nodes.map((n) => n.id));
        const edgeIds = new Set(history.definition.edges.map((e) => e.id));
        const nodes = current.nodes.filter((id) => nodeIds.has(id));
        const edges = current.edges.filter((id) => edgeIds.has(id));
        if (nodes.length !== current.nodes.length || edges.length !== current.edges.length)
          selection = { nodes, edges };
      }
      set({ history, selection });
      scheduleChecks();
    };

    /** Compiles the open definition (`live`: its live diagnostics) into the code panel. */
    const compile = async (live: readonly Diagnostic[]): Promise<void> => {
      const def = definition();
      if (!def) return;
      const seq = ++codeSeq;
      // A definition the live checks already reject does not compile (the IPC contract refuses it
      // before the compiler sees it): its errors stand in for the code, each naming its node.
      const errors = live.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        set({ code: { status: 'ready', code: null, diagnostics: errors, message: null } });
        return;
      }
      set((s) => ({ code: { ...s.code, status: 'compiling' } }));
      try {
        const result = await call(api, 'compiler.compile', { definition: def });
        if (seq !== codeSeq) return;
        // The compiler checks what the live checks cannot (child workflow references resolved
        // against the store): its findings join Problems and the node badges.
        set((s) => ({
          code: { status: 'ready', code: result.code, diagnostics: result.diagnostics, message: null },
          diagnostics: mergeDiagnostics(s.diagnostics, result.diagnostics),
        }));
      } catch (error) {
        if (seq !== codeSeq) return;
        set((s) => ({ code: { ...s.code, status: 'error', message: errorMessage(error) } }));
      }
    };

    const actions: EditorActions = {
      async load(id, version) {
        const seq = ++loadSeq;
        set({ status: 'loading', error: null });
        try {
          const stored = await call(api, 'definitions.get', {
            id,
            ...(version !== undefined && { version }),
          });
          if (seq !== loadSeq) return;
          const { definition: storedDefinition, ...summary } = stored;
          // Unpositioned nodes get a place on load; saving keeps it (it is the same definition otherwise).
          const def = storedDefinition.nodes.every((n) => n.position)
            ? storedDefinition
            : placeUnpositioned(storedDefinition, await layout(storedDefinition));
          if (seq !== loadSeq) return;
          const latest =
            version === undefined ? summary.version : (await call(api, 'definitions.get', { id })).version;
          const live = validateDefinition(def).diagnostics;
          set({
            status: 'ready',
            summary,
            readOnlyVersion: version !== undefined && version !== latest ? version : null,
            history: createHistory(def),
            saved: def,
            selection: { nodes: [], edges: [] },
            diagnostics: live,
            save: { status: 'idle', message: null },
            notice: null,
          });
          void compile(live);
          void actions.loadVersions();
        } catch (error) {
          if (seq !== loadSeq) return;
          const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
          set({ status: notFound ? 'not-found' : 'error', error: errorMessage(error) });
        }
      },

      apply(label, changes, mergeKey) {
        const history = get().history;
        if (!history || !editable() || changes.length === 0) return;
        try {
          setHistory(commit(history, label, changes, mergeKey));
        } catch (error) {
          set({ notice: errorMessage(error) });
        }
      },

      undo() {
        const history = get().history;
        if (history && editable() && history.past.length > 0) setHistory(undo(history));
      },

      redo() {
        const history = get().history;
        if (history && editable() && history.future.length > 0) setHistory(redo(history));
      },

      select(nodes, edges = []) {
        set({ selection: { nodes, edges } });
      },

      addNode(kind, position) {
        const def = definition();
        if (!def) return;
        const change = addNodeChange(def, kind, position);
        actions.apply(`Add ${kind}`, [change]);
        if (change.type === 'addNode') set({ selection: { nodes: [change.node.id], edges: [] } });
      },

      connect(request) {
        const def = definition();
        if (!def || !editable()) return 'This version is read-only.';
        const check = checkConnection(def, request);
        if (!check.ok) {
          set({ notice: check.reason });
          return check.reason;
        }
        actions.apply('Connect', [{ type: 'addEdge', edge: check.edge }]);
        return null;
      },

      deleteSelection() {
        const def = definition();
        const { nodes, edges } = get().selection;
        if (!def || (nodes.length === 0 && edges.length === 0)) return;
        actions.apply(`Delete ${nodes.length + edges.length} item(s)`, deleteSelection(def, nodes, edges));
        set({ selection: { nodes: [], edges: [] } });
      },

      copySelection() {
        const def = definition();
        const { nodes } = get().selection;
        if (!def || nodes.length === 0) return '';
        return JSON.stringify(copySelection(def, nodes));
      },

      paste(text) {
        const def = definition();
        const clip = parseClipboard(text);
        if (!def || !editable()) return;
        if (!clip) {
          set({ notice: 'The clipboard holds no workflow nodes.' });
          return;
        }
        const { changes, nodeIds } = pasteChanges(def, clip);
        actions.apply(`Paste ${nodeIds.length} node(s)`, changes);
        set({ selection: { nodes: nodeIds, edges: [] } });
      },

      duplicateSelection() {
        const text = actions.copySelection();
        if (text) actions.paste(text);
      },

      async tidyUp() {
        const def = definition();
        if (!def || !editable()) return;
        const positions = await layout(def);
        // An edit while the layout was computed: its positions may miss nodes, so it is dropped.
        if (definition() !== def) return;
        actions.apply('Tidy up', tidyUpChanges(def, positions));
      },

      async save() {
        const { summary, history, save } = get();
        if (!summary || !history || !editable() || save.status === 'saving') return null;
        set({ save: { status: 'saving', message: null } });
        const def = history.definition;
        try {
          const saved = await call(api, 'definitions.save', {
            id: summary.id,
            expectedVersion: summary.version,
            definition: def,
          });
          set({
            summary: saved,
            saved: def,
            save: { status: 'saved', message: `Saved version ${saved.version}` },
          });
          void actions.loadVersions();
          return saved;
        } catch (error) {
          // A newer save elsewhere is never overwritten: the user decides (reload or save as new).
          const conflict = error instanceof ApiError && error.code === 'CONFLICT';
          set({ save: { status: conflict ? 'conflict' : 'error', message: errorMessage(error) } });
          return null;
        }
      },

      async restoreVersion() {
        const { summary, history, readOnlyVersion } = get();
        if (!summary || !history || readOnlyVersion === null) return null;
        try {
          const latest = await call(api, 'definitions.get', { id: summary.id });
          const saved = await call(api, 'definitions.save', {
            id: summary.id,
            expectedVersion: latest.version,
            definition: history.definition,
          });
          await actions.load(summary.id);
          set({
            save: {
              status: 'saved',
              message: `Restored version ${readOnlyVersion} as version ${saved.version}`,
            },
          });
          return saved;
        } catch (error) {
          set({ save: { status: 'error', message: errorMessage(error) } });
          return null;
        }
      },

      async loadVersions() {
        const summary = get().summary;
        if (!summary) return;
        try {
          set({ versions: await call(api, 'definitions.versions', { id: summary.id }) });
        } catch {
          // The versions menu is secondary: the editor works without it.
        }
      },

      async refreshCode() {
        const def = definition();
        if (def) await compile(validateDefinition(def).diagnostics);
      },

      async startRun(input) {
        const summary = get().summary;
        if (!summary) throw new Error('No workflow is open');
        return call(api, 'runs.start', { definitionId: summary.id, version: summary.version, input });
      },

      setNotice(notice) {
        set({ notice });
      },

      dispose() {
        if (timer !== undefined) clearTimeout(timer);
        loadSeq++;
        codeSeq++;
      },
    };

    return {
      status: 'idle',
      error: null,
      summary: null,
      readOnlyVersion: null,
      history: null,
      saved: null,
      selection: { nodes: [], edges: [] },
      diagnostics: [],
      save: { status: 'idle', message: null },
      code: { status: 'idle', code: null, diagnostics: [], message: null },
      notice: null,
      versions: [],
      actions,
    };
  });
}

/** `live` plus the diagnostics of `extra` that it does not already hold (same path and message). */
export function mergeDiagnostics(live: readonly Diagnostic[], extra: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set(live.map((d) => `${d.path}\u0000${d.message}`));
  const added = extra.filter((d) => !seen.has(`${d.path}\u0000${d.message}`));
  return added.length === 0 ? [...live] : [...live, ...added];
}

/** True when the open definition differs from what was last loaded or saved. */
export function isDirty(state: Pick<EditorState, 'history' | 'saved'>): boolean {
  return state.history !== null && state.history.definition !== state.saved;
}
