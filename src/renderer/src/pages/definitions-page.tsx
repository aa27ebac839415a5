import { useEffect, useMemo, useRef, useState } from 'react';
import type { DefinitionSummary, RunRecord } from '../../../core/ipc/contract';
import { useApi } from '../api/api-context';
import { call, errorMessage } from '../api/calls';
import { DefinitionsTable } from '../components/definitions-table';
import { ErrorMessage } from '../components/error-message';
import { ServerSidebar } from '../components/server-sidebar';
import { importBundle, isBundle, readBundle } from '../lib/definition-bundle';
import { fromPortable, parseDefinitionFile, portableName } from '../lib/definition-file';
import { useNavigate } from '../navigation';
import { useAppActions, useAppStore } from '../stores/store-context';

/** Home page: start from the example or a file, and the stored workflow definitions. */
export function DefinitionsPage() {
  const definitions = useAppStore((s) => s.definitions);
  const actions = useAppActions();
  const api = useApi();
  const navigate = useNavigate();
  const fileInput = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  const [deleted, setDeleted] = useState<DefinitionSummary | null>(null);
  const [lastRuns, setLastRuns] = useState<Map<string, RunRecord>>(new Map());

  const { items, status, error, creating, createError, lastCreated } = definitions;

  useEffect(() => {
    let live = true;
    call(api, 'runs.list', { limit: 500 }).then(
      (runs) => {
        if (!live) return;
        const latest = new Map<string, RunRecord>();
        for (const run of runs) {
          const prev = run.definitionId ? latest.get(run.definitionId) : undefined;
          if (run.definitionId && (!prev || prev.startedAt < run.startedAt))
            latest.set(run.definitionId, run);
        }
        setLastRuns(latest);
      },
      () => undefined, // "Last run" is secondary: the list works without it.
    );
    return () => {
      live = false;
    };
  }, [api, items]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((d) => d.name.toLowerCase().includes(q)) : items;
  }, [items, query]);

  const attempt = async (label: string, title: string, work: () => Promise<void>) => {
    setBusy(label);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem({ title, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const loadExample = () =>
    attempt('example', 'Could not load the example', async () => {
      const open = await actions.loadExample('package-builder');
      navigate({ page: 'editor', id: open.id });
    });

  const create = () =>
    attempt('create', 'Could not create the workflow', async () => {
      const created = await actions.createDefinition();
      if (created) navigate({ page: 'editor', id: created.id });
    });

  const importFile = async (file: File) =>
    attempt('import', `Could not import ${file.name}`, async () => {
      const parsed = parseDefinitionFile(await file.text());
      if (!parsed.ok) throw new Error(parsed.message);
      if (isBundle(parsed.value)) {
        // A parent with its children: children first, each saved (and checked) as any save is.
        const bundle = readBundle(parsed.value);
        if (!bundle.ok) throw new Error(bundle.message);
        const ids = await importBundle(bundle, {
          list: () => call(api, 'definitions.list', {}),
          get: (id) => call(api, 'definitions.get', { id }),
          create: (definition) => actions.importDefinition(definition),
        });
        navigate({ page: 'editor', id: ids.get(bundle.main)! });
        return;
      }
      // Children are named by their stable name in a file: wire them to this store's ids.
      const idOfName = new Map(items.map((d) => [portableName(d), d.id]));
      const saved = await actions.importDefinition(fromPortable(parsed.value, idOfName));
      navigate({ page: 'editor', id: saved.id });
    });

  const hasExample = items.some((d) => d.name === 'PackageBuilder');

  return (
    <div className="page page--split">
      <section className="panel" aria-labelledby="definitions-title" aria-busy={status === 'loading'}>
        <div className="panel__header">
          <div>
            <h1 id="definitions-title">Workflows</h1>
            <p className="panel__subtitle">Workflow definitions stored on this machine.</p>
          </div>
          <div className="panel__actions">
            <button
              type="button"
              className="button"
              onClick={() => fileInput.current?.click()}
              disabled={busy !== null}
              data-testid="import-definition"
            >
              {busy === 'import' ? 'Importing…' : 'Import…'}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void create()}
              disabled={creating || busy !== null}
              data-testid="new-workflow"
            >
              {creating ? 'Creating…' : 'New workflow'}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="Definition file to import"
              data-testid="import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </div>
        </div>

        {!hasExample && status === 'ready' ? (
          <div className="welcome" data-testid="welcome">
            <div>
              <h2 className="welcome__title">
                {items.length === 0 ? 'Start with an example' : 'Try the example'}
              </h2>
              <p>
                <strong>PackageBuilder</strong> builds the 20 packages of a demo monorepo in dependency order,
                4 at a time, each package a child workflow — open it on the canvas, change N, press Run.
              </p>
            </div>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void loadExample()}
              disabled={busy !== null}
              data-testid="load-example"
            >
              {busy === 'example' ? 'Loading…' : 'Load PackageBuilder'}
            </button>
          </div>
        ) : null}

        {createError ? <ErrorMessage title="Could not create the workflow" message={createError} /> : null}
        {problem ? <ErrorMessage title={problem.title} message={problem.message} /> : null}
        {deleted ? (
          <div className="undo-bar" role="status" data-testid="undo-delete-bar">
            Deleted {deleted.name}.
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                const d = deleted;
                setDeleted(null);
                void attempt('restore', `Could not restore ${d.name}`, () => actions.restoreDefinition(d.id));
              }}
              data-testid="undo-delete"
            >
              Undo
            </button>
          </div>
        ) : null}
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
          <>
            <input
              type="search"
              className="input definitions-search"
              placeholder="Search workflows"
              aria-label="Search workflows"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="definitions-search"
            />
            {shown.length === 0 ? <p className="muted">No workflow matches “{query}”.</p> : null}
            <DefinitionsTable
              items={shown}
              highlightId={lastCreated?.id ?? null}
              lastRuns={lastRuns}
              onOpen={(id) => navigate({ page: 'editor', id })}
              onRename={(id, name) =>
                void attempt(
                  'rename',
                  'Could not rename',
                  async () => void (await actions.renameDefinition(id, name)),
                )
              }
              onDuplicate={(id) =>
                void attempt(
                  'duplicate',
                  'Could not duplicate',
                  async () => void (await actions.duplicateDefinition(id)),
                )
              }
              onDelete={(item) =>
                void attempt('delete', `Could not delete ${item.name}`, async () => {
                  await actions.deleteDefinition(item.id);
                  setDeleted(item);
                })
              }
            />
          </>
        ) : status === 'ready' ? (
          <p className="muted" data-testid="empty-state">
            No workflows yet: load the example above, import a definition file, or start a{' '}
            <strong>New workflow</strong> (a Start → End workflow to build on).
          </p>
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
