import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../editor/editor.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isNodeKind } from '../../../core/definition';
import { useApi } from '../api/api-context';
import { EmptyState } from '../components/empty-state';
import { ErrorMessage } from '../components/error-message';
import { CodePanel } from '../editor/code-panel';
import { EditorStoreProvider, useEditor, useEditorStoreApi } from '../editor/editor-context';
import { EditorToolbar } from '../editor/editor-toolbar';
import { Palette } from '../editor/palette';
import { ProblemsPanel } from '../editor/problems-panel';
import { PropertyPanel } from '../editor/property-panel';
import { RunDialog } from '../editor/run-dialog';
import { ServerStateStrip } from '../editor/server-state-strip';
import { useEditorKeys } from '../editor/use-editor-keys';
import { WorkflowCanvas } from '../editor/workflow-canvas';
import { useNavigate } from '../navigation';
import { layoutDefinitionInWorker } from '../lib/layout-client';
import { createEditorStore } from '../stores/editor-store';
import { useAppStore, useAppStoreApi } from '../stores/store-context';

export interface EditorPageProps {
  id: string;
  /** An older version, opened read-only. */
  version?: number;
}

/** The canvas page of one definition: palette, canvas + problems, properties + generated code. */
export function EditorPage({ id, version }: EditorPageProps) {
  const appStore = useAppStoreApi();
  const api = useApi();
  const store = useMemo(() => createEditorStore({ api, layout: layoutDefinitionInWorker }), [api]);

  useEffect(() => {
    void store.getState().actions.load(id, version);
    // The child workflow picker lists the stored definitions.
    if (appStore.getState().definitions.status !== 'ready')
      void appStore.getState().actions.loadDefinitions();
    return () => store.getState().actions.dispose();
  }, [store, id, version, appStore]);

  return (
    <EditorStoreProvider value={store}>
      <ReactFlowProvider>
        <EditorBody />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}

function EditorBody() {
  const status = useEditor((s) => s.status);
  const error = useEditor((s) => s.error);
  const navigate = useNavigate();
  const server = useAppStore((s) => s.server.status);

  if (status === 'not-found') {
    return (
      <div className="page">
        <EmptyState title="Workflow not found" action={<BackButton />}>
          <p>It may have been deleted. {error}</p>
        </EmptyState>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="page">
        <ErrorMessage
          title="Could not open the workflow"
          message={error ?? 'unknown error'}
          action={
            <button
              type="button"
              className="button button--small"
              onClick={() => navigate({ page: 'workflows' })}
            >
              Back to workflows
            </button>
          }
        />
      </div>
    );
  }
  if (status !== 'ready') return <OpeningState starting={server?.state === 'starting'} />;
  return <EditorLayout />;
}

/** While the definition loads; past two seconds it says why it may wait (the store busy with a write). */
function OpeningState({ starting }: { starting: boolean }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), 2000);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className="page">
      <p className="muted" role="status" aria-busy="true" data-testid="editor-loading">
        Opening the workflow…
        {starting ? ' (the Temporal server is starting)' : ''}
        {slow
          ? ' Still waiting for the store: it may be busy with another write (another window or the CLI). It answers within a few seconds or says what is wrong.'
          : ''}
      </p>
    </div>
  );
}

function BackButton() {
  const navigate = useNavigate();
  return (
    <button type="button" className="button" onClick={() => navigate({ page: 'workflows' })}>
      Back to workflows
    </button>
  );
}

function EditorLayout() {
  const store = useEditorStoreApi();
  const actions = useEditor((s) => s.actions);
  const readOnly = useEditor((s) => s.readOnlyVersion !== null);
  const notice = useEditor((s) => s.notice);
  const flow = useReactFlow();
  const root = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const [running, setRunning] = useState(false);

  const handlers = useMemo(
    () => ({
      focusPalette: () => searchRef.current?.focus(),
      focusProperties: () =>
        propertiesRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(),
      focusNode: (nodeId: string) => {
        void flow.fitView({ nodes: [{ id: nodeId }], duration: 150, maxZoom: 1 });
        // A node just added is drawn hidden until React Flow has measured it, and a hidden element
        // takes no focus: try again on the next frames until it does (about half a second at most).
        const attempt = (left: number) => {
          const el = root.current?.querySelector<HTMLElement>(
            `.react-flow__node[data-id="${CSS.escape(nodeId)}"]`,
          );
          el?.focus();
          if (document.activeElement !== el && left > 0) requestAnimationFrame(() => attempt(left - 1));
        };
        attempt(30);
      },
    }),
    [flow],
  );
  useEditorKeys(store, root, handlers);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => actions.setNotice(null), 6000);
    return () => clearTimeout(t);
  }, [notice, actions]);

  // A click on a palette item adds the node in the middle of what is on screen.
  const addAtCentre = (kind: string) => {
    if (!isNodeKind(kind)) return;
    const box = root.current?.querySelector('.canvas')?.getBoundingClientRect();
    const p = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    // Not on top of a node already there (adding several from the keyboard): the next free row down.
    const taken = store.getState().history?.definition.nodes ?? [];
    const at = { x: Math.round(p.x - 110), y: Math.round(p.y - 36) };
    while (
      taken.some(
        (n) => n.position && Math.abs(n.position.x - at.x) < 200 && Math.abs(n.position.y - at.y) < 100,
      )
    )
      at.y += 110;
    actions.addNode(kind, at);
    // Keyboard users go on from the new node (it is selected): focus it once it is drawn.
    const added = store.getState().selection.nodes[0];
    if (added) handlers.focusNode(added);
  };

  // Escape from the palette: back to the selected node, else the canvas itself.
  const backToCanvas = () => {
    const selected = store.getState().selection.nodes.at(-1);
    if (selected) handlers.focusNode(selected);
    else root.current?.querySelector<HTMLElement>('.react-flow__pane, .react-flow')?.focus();
  };

  return (
    <div className="editor" ref={root} data-testid="editor">
      <EditorToolbar onRun={() => setRunning(true)} />
      <ServerStateStrip />
      <div className="editor__body">
        <Palette onAdd={addAtCentre} searchRef={searchRef} disabled={readOnly} onLeave={backToCanvas} />
        <div className="editor__centre">
          <WorkflowCanvas />
          {notice ? (
            <div className="editor__notice" role="status" data-testid="editor-notice">
              {notice}
              <button
                type="button"
                className="button button--small"
                onClick={() => actions.setNotice(null)}
                aria-label="Dismiss"
              >
                ×
              </button>
            </div>
          ) : null}
          <ProblemsPanel />
        </div>
        <div className="editor__side">
          <div className="editor__properties" ref={propertiesRef}>
            <PropertyPanel />
          </div>
          <CodePanel
            onShowNode={(nodeId) => {
              actions.select([nodeId]);
              handlers.focusNode(nodeId);
            }}
          />
        </div>
      </div>
      {running ? <RunDialog onClose={() => setRunning(false)} /> : null}
    </div>
  );
}
