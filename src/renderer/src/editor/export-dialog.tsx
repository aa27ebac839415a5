import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../../../core/definition';
import type { StoredDefinition } from '../../../core/ipc/contract';
import { useApi } from '../api/api-context';
import { call, errorMessage } from '../api/calls';
import {
  definitionFileName,
  definitionFileText,
  portableName,
  referencedDefinitionIds,
  toPortable,
} from '../lib/definition-file';
import { downloadText } from '../lib/download';

/**
 * Export as JSON. Children are referred to by their stable name (not this machine's ids), and
 * the children themselves are offered for download too, so the set imports on another machine.
 */
export function ExportDialog({
  definition,
  onClose,
}: {
  definition: WorkflowDefinition;
  onClose: () => void;
}) {
  const api = useApi();
  const [children, setChildren] = useState<StoredDefinition[] | null>(null);
  const [withChildren, setWithChildren] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all(referencedDefinitionIds(definition).map((id) => call(api, 'definitions.get', { id }))).then(
      (found) => live && setChildren(found),
      (error: unknown) => {
        if (!live) return;
        setChildren([]);
        setProblem(`A child workflow could not be read: ${errorMessage(error)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, definition]);

  const download = () => {
    const names = new Map((children ?? []).map((c) => [c.id, portableName(c.definition)]));
    downloadText(definitionFileName(definition), definitionFileText(toPortable(definition, names)));
    if (withChildren)
      for (const child of children ?? [])
        downloadText(
          definitionFileName(child.definition),
          definitionFileText(toPortable(child.definition, names)),
        );
    onClose();
  };

  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">Export definition</h2>
        <p>
          Downloads <code>{definitionFileName(definition)}</code>. Import it on another machine from the
          Workflows page.
        </p>
        {children === null ? <p className="muted">Looking for child workflows…</p> : null}
        {children && children.length > 0 ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={withChildren}
              onChange={(e) => setWithChildren(e.target.checked)}
            />
            Also download the child workflow{children.length > 1 ? 's' : ''} it runs:{' '}
            {children.map((c) => definitionFileName(c.definition)).join(', ')} (import{' '}
            {children.length > 1 ? 'them' : 'it'} first; this file refers to{' '}
            {children.length > 1 ? 'them' : 'it'} by name)
          </label>
        ) : null}
        {problem ? <p className="form-row__error">{problem}</p> : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={download}
            disabled={children === null}
            data-testid="export-download"
            autoFocus
          >
            Download
          </button>
        </div>
      </div>
    </div>
  );
}
