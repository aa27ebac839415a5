import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../../../core/definition';
import { useApi } from '../api/api-context';
import { call, errorMessage } from '../api/calls';
import {
  bundleFileName,
  bundleFileText,
  collectBundle,
  type DefinitionBundle,
} from '../lib/definition-bundle';
import { definitionFileName, definitionFileText, toPortable } from '../lib/definition-file';
import { downloadText } from '../lib/download';
import { DialogActions } from '../components/dialog-actions';

/**
 * Export as JSON. Children are referred to by their stable name (not this machine's ids). A parent
 * is offered with its children (children of children too) in one file, which Import on another
 * machine reads back whole (lib/definition-bundle.ts); without them, the definition alone.
 */
export function ExportDialog({
  definition,
  onClose,
}: {
  definition: WorkflowDefinition;
  onClose: () => void;
}) {
  const api = useApi();
  const [bundle, setBundle] = useState<DefinitionBundle | null>(null);
  const [withChildren, setWithChildren] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    collectBundle(definition, (id) => call(api, 'definitions.get', { id })).then(
      (found) => live && setBundle(found),
      (error: unknown) => {
        if (!live) return;
        setProblem(`The child workflows could not be read: ${errorMessage(error)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, definition]);

  const children = bundle ? Object.keys(bundle.definitions).filter((name) => name !== bundle.main) : null;
  const oneFile = withChildren && children !== null && children.length > 0;

  const download = () => {
    if (oneFile && bundle) downloadText(bundleFileName(definition), bundleFileText(bundle));
    else {
      // Alone: references keep the children's stable names all the same, so it imports where they exist.
      const main = bundle?.definitions[bundle.main];
      downloadText(
        definitionFileName(definition),
        definitionFileText(main ?? toPortable(definition, new Map())),
      );
    }
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
          Downloads <code>{oneFile ? bundleFileName(definition) : definitionFileName(definition)}</code>.
          Import it on another machine from the Workflows page.
        </p>
        {children === null && !problem ? <p className="muted">Looking for child workflows…</p> : null}
        {children && children.length > 0 ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={withChildren}
              onChange={(e) => setWithChildren(e.target.checked)}
              data-testid="export-with-children"
            />
            Include the child workflow{children.length > 1 ? 's' : ''} it runs in the same file:{' '}
            {children.join(', ')} (referred to by {children.length > 1 ? 'these names' : 'this name'})
          </label>
        ) : null}
        {problem ? <p className="form-row__error">{problem}</p> : null}
        <DialogActions
          onCancel={onClose}
          label="Download"
          onConfirm={download}
          disabled={children === null && !problem}
          testId="export-download"
          autoFocus
        />
      </div>
    </div>
  );
}
