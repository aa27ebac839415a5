import { hasErrors } from '../../../core/definition';
import { useState } from 'react';
import { useNavigate } from '../navigation';
import { isDirty } from '../stores/editor-store';
import { useAppStore } from '../stores/store-context';
import { useEditor } from './editor-context';
import { ExportDialog } from './export-dialog';

/** The editor's commands: back, versions, undo/redo, tidy up, export, save, run. */
export function EditorToolbar({ onRun }: { onRun: () => void }) {
  const navigate = useNavigate();
  const actions = useEditor((s) => s.actions);
  const summary = useEditor((s) => s.summary);
  const definition = useEditor((s) => s.history?.definition ?? null);
  const canUndo = useEditor((s) => (s.history?.past.length ?? 0) > 0);
  const canRedo = useEditor((s) => (s.history?.future.length ?? 0) > 0);
  const undoLabel = useEditor((s) => s.history?.past.at(-1)?.label);
  const redoLabel = useEditor((s) => s.history?.future[0]?.label);
  const dirty = useEditor(isDirty);
  const save = useEditor((s) => s.save);
  const readOnlyVersion = useEditor((s) => s.readOnlyVersion);
  const versions = useEditor((s) => s.versions);
  const diagnostics = useEditor((s) => s.diagnostics);
  const [exporting, setExporting] = useState(false);
  const server = useAppStore((s) => s.server.status);
  // A run needs the Temporal server: say so rather than fail after the user filled the form.
  const serverProblem =
    server === null
      ? 'Waiting for the Temporal server status'
      : server.state === 'ready' || server.state === 'external'
        ? null
        : `The Temporal server is ${server.state}${server.message ? `: ${server.message}` : ''}`;
  if (!summary || !definition) return null;
  const blocked = hasErrors(diagnostics);

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor">
      <button type="button" className="button button--small" onClick={() => navigate({ page: 'workflows' })}>
        ← Workflows
      </button>
      <h1 className="editor-toolbar__title" data-testid="editor-title">
        {definition.name}
        {dirty ? (
          <span className="editor-toolbar__dirty" title="Unsaved changes">
            {' '}
            •
          </span>
        ) : null}
      </h1>
      <label className="editor-toolbar__version">
        <span className="visually-hidden">Version</span>
        <select
          className="input input--small"
          value={readOnlyVersion ?? summary.version}
          onChange={(e) => {
            const v = Number(e.target.value);
            const latest = versions[0]?.version ?? summary.version;
            navigate({ page: 'editor', id: summary.id, ...(v !== latest && { version: v }) });
          }}
          data-testid="version-select"
        >
          {(versions.length > 0 ? versions : [summary]).map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {new Date(v.updatedAt).toLocaleString()}
            </option>
          ))}
        </select>
      </label>
      {readOnlyVersion !== null ? (
        <>
          <span className="badge badge--warning">Read-only: version {readOnlyVersion}</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => void actions.restoreVersion()}
            data-testid="restore-version"
          >
            Restore this version
          </button>
        </>
      ) : null}
      <div className="editor-toolbar__spacer" />
      <button
        type="button"
        className="button button--small"
        onClick={actions.undo}
        disabled={!canUndo}
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
        data-testid="undo"
      >
        Undo
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={actions.redo}
        disabled={!canRedo}
        title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'}
        data-testid="redo"
      >
        Redo
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={actions.tidyUp}
        disabled={readOnlyVersion !== null}
        title="Tidy up: lay the workflow out top to bottom (Shift+Alt+T)"
        data-testid="tidy-up"
      >
        Tidy up
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => setExporting(true)}
        title="Download this definition (and the child workflows it runs) as JSON files"
        data-testid="export-definition"
      >
        Export
      </button>
      <span className="editor-toolbar__status" role="status" data-testid="save-status">
        {save.status === 'saving' ? 'Saving…' : save.status === 'saved' && !dirty ? save.message : ''}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={() => void actions.save()}
        disabled={readOnlyVersion !== null || save.status === 'saving' || !dirty}
        title="Save a new version (Ctrl+S)"
        data-testid="save"
      >
        Save
      </button>
      <button
        type="button"
        className="button button--small button--primary"
        onClick={onRun}
        disabled={dirty || blocked || serverProblem !== null}
        title={
          dirty
            ? 'Save before running'
            : blocked
              ? 'Fix the errors in Problems first'
              : (serverProblem ?? 'Run the saved version')
        }
        data-testid="run"
      >
        Run
      </button>
      {save.status === 'error' || save.status === 'conflict' ? (
        <div className="editor-toolbar__error" role="alert" data-testid="save-error">
          {save.status === 'conflict'
            ? `Not saved: a newer version was saved elsewhere (${save.message}). Reload to see it; your edits stay here until you do.`
            : `Not saved: ${save.message}`}
          {save.status === 'conflict' ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => navigate({ page: 'editor', id: summary.id })}
            >
              Reload
            </button>
          ) : null}
        </div>
      ) : null}
      {exporting ? <ExportDialog definition={definition} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
