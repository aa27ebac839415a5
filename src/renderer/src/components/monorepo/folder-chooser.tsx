import { useEffect, useState } from 'react';
import type { FolderListing } from '../../../../core/ipc';
import { useApi } from '../../api/api-context';
import { call } from '../../api/calls';
import { ErrorMessage } from '../error-message';

export interface FolderChooserProps {
  /** The folder chosen so far (it is shown selected). */
  chosen: string | undefined;
  onChoose: (path: string) => void;
}

/**
 * A folder chooser served by the main process (monorepo.folders), so it works in browser mode:
 * it lists the sub-folders of one folder at a time, under the chooser's roots (home), and marks
 * monorepo roots. A path can also be typed.
 */
export function FolderChooser({ chosen, onChoose }: FolderChooserProps) {
  const api = useApi();
  const [listing, setListing] = useState<FolderListing>();
  const [error, setError] = useState<string>();
  const [typed, setTyped] = useState('');

  const show = (next: FolderListing) => {
    setListing(next);
    setTyped(next.path);
    setError(undefined);
  };
  const open = (path: string) =>
    call(api, 'monorepo.folders', { path }).then(show, (e: Error) => setError(e.message));
  // The first listing: the chooser's first root (home).
  useEffect(() => {
    let live = true;
    call(api, 'monorepo.folders', {}).then(
      (next) => live && show(next),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="folder-chooser" data-testid="folder-chooser">
      <form
        className="folder-chooser__path"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) void open(typed.trim());
        }}
      >
        <input
          className="input input--mono"
          aria-label="Folder path"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="folder-path"
        />
        <button type="submit" className="button button--small">
          Go
        </button>
      </form>
      {error ? <ErrorMessage title="Cannot show this folder" message={error} /> : null}
      {listing ? (
        <>
          <div className="folder-chooser__actions">
            <button
              type="button"
              className="button button--small"
              disabled={listing.parent === null}
              onClick={() => listing.parent && void open(listing.parent)}
              data-testid="folder-up"
            >
              ↑ Up
            </button>
            <button
              type="button"
              className={`button button--small ${listing.workspace ? 'button--primary' : ''}`}
              onClick={() => onChoose(listing.path)}
              data-testid="folder-choose"
            >
              Choose this folder{listing.workspace ? ' (a monorepo)' : ''}
            </button>
          </div>
          <ul className="folder-chooser__list" aria-label={`Folders in ${listing.path}`}>
            {listing.folders.length === 0 ? <li className="muted">No sub-folders</li> : null}
            {listing.folders.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  className={`folder-chooser__entry ${f.path === chosen ? 'folder-chooser__entry--chosen' : ''}`}
                  onClick={() => void open(f.path)}
                  onDoubleClick={() => onChoose(f.path)}
                  data-testid="folder-entry"
                  data-name={f.name}
                >
                  {f.name}
                  {f.workspace ? <span className="folder-chooser__badge">monorepo</span> : null}
                </button>
              </li>
            ))}
          </ul>
          {listing.truncated ? <p className="muted">Only the first folders are shown: type a path.</p> : null}
        </>
      ) : null}
    </div>
  );
}
