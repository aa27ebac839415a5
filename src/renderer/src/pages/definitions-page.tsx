import { DefinitionsTable } from '../components/definitions-table';
import { EmptyState } from '../components/empty-state';
import { ErrorMessage } from '../components/error-message';
import { ServerSidebar } from '../components/server-sidebar';
import { useAppActions, useAppStore } from '../stores/store-context';

/** Home page: the stored workflow definitions, and the Temporal server's details. */
export function DefinitionsPage() {
  const definitions = useAppStore((s) => s.definitions);
  const actions = useAppActions();

  const { items, status, error, creating, createError, lastCreated } = definitions;
  const create = () => void actions.createDefinition();
  const newButton = (primary: boolean, testId: string) => (
    <button
      type="button"
      className={`button ${primary ? 'button--primary' : ''}`}
      onClick={create}
      disabled={creating}
      data-testid={testId}
    >
      {creating ? 'Creating…' : 'New workflow'}
    </button>
  );

  return (
    <div className="page page--split">
      <section className="panel" aria-labelledby="definitions-title" aria-busy={status === 'loading'}>
        <div className="panel__header">
          <div>
            <h1 id="definitions-title">Workflows</h1>
            <p className="panel__subtitle">Workflow definitions stored on this machine.</p>
          </div>
          {newButton(true, 'new-workflow')}
        </div>

        {createError ? <ErrorMessage title="Could not create the workflow" message={createError} /> : null}
        <p className="visually-hidden" aria-live="polite">
          {lastCreated ? `Created ${lastCreated.name}, version ${lastCreated.version}.` : ''}
        </p>

        {status === 'error' && error ? (
          <ErrorMessage
            title="Could not load the workflows"
            message={error}
            action={
              <button
                type="button"
                className="button button--small"
                onClick={() => void actions.loadDefinitions()}
              >
                Retry
              </button>
            }
          />
        ) : null}

        {items.length > 0 ? (
          <DefinitionsTable items={items} highlightId={lastCreated?.id ?? null} />
        ) : status === 'ready' ? (
          <EmptyState title="No workflows yet" action={newButton(false, 'empty-state-new-workflow')}>
            <p>
              Create one with <strong>New workflow</strong>: it is saved as a minimal Start → End workflow,
              ready to build on.
            </p>
          </EmptyState>
        ) : status === 'loading' || status === 'idle' ? (
          <p className="muted" data-testid="definitions-loading">
            Loading workflows…
          </p>
        ) : null}
      </section>

      <ServerSidebar />
    </div>
  );
}
