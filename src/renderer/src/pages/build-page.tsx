import { useEffect, useState } from 'react';
import '../build-page.css';
import type { MonorepoInspection, RequestOf } from '../../../core/ipc';
import { useApi } from '../api/api-context';
import { call } from '../api/calls';
import { ErrorMessage } from '../components/error-message';
import { FolderChooser } from '../components/monorepo/folder-chooser';
import { WorkspacePreview } from '../components/monorepo/workspace-preview';
import { useNavigate } from '../navigation';

type Kind = 'dependency' | 'optional' | 'peer' | 'dev';
const KINDS: Array<[Kind, string]> = [
  ['dependency', 'dependencies'],
  ['optional', 'optional'],
  ['peer', 'peer'],
  ['dev', 'dev'],
];

type BuildSettings = RequestOf<'monorepo.build'>['settings'];

/**
 * Build a monorepo: choose a folder (listed by main, so it works in browser mode), see its
 * packages and build graph with the chosen settings, then Run — the folder is opened as a workspace
 * once the user ticks the consent, the PackageBuilder definition for the settings is stored (the
 * CLI's `build` service) and the run starts; the app moves to its dashboard.
 */
export function BuildPage() {
  const api = useApi();
  const navigate = useNavigate();
  const [root, setRoot] = useState<string>();
  const [concurrency, setConcurrency] = useState('4');
  const [scripts, setScripts] = useState('build');
  const [failFast, setFailFast] = useState(false);
  const [kinds, setKinds] = useState<Kind[]>(KINDS.map(([k]) => k));
  const [breakDevCycles, setBreakDevCycles] = useState(false);
  const [filter, setFilter] = useState('');
  const [inspection, setInspection] = useState<MonorepoInspection>();
  const [inspectError, setInspectError] = useState<string>();
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState<string>();

  const filterList = filter.split(/\s+/).filter((f) => f !== '');
  const graphSettings = {
    ...(kinds.length < KINDS.length && { edgeKinds: kinds }),
    breakDevCycles,
    filter: filterList,
  };
  const graphKey = JSON.stringify(graphSettings);

  useEffect(() => {
    if (!root) return;
    let current = true;
    call(api, 'monorepo.inspect', { root, settings: JSON.parse(graphKey) as typeof graphSettings })
      .then((result) => {
        if (!current) return;
        setInspection(result);
        setInspectError(undefined);
      })
      .catch((e: Error) => {
        if (!current) return;
        setInspection(undefined);
        setInspectError(e.message);
      });
    return () => {
      current = false;
    };
    // graphKey stands for the graph settings (a new object each render)
  }, [api, root, graphKey]);

  const n = Number(concurrency);
  const nError = Number.isInteger(n) && n >= 1 && n <= 64 ? undefined : 'N is a whole number from 1 to 64';
  const scriptList = scripts.split(/[\s,]+/).filter((s) => s !== '');
  const scriptsError = scriptList.length === 0 ? 'Name at least one script' : undefined;
  const kindsError = kinds.length === 0 ? 'Choose at least one dependency kind' : undefined;
  const settingsValid = !nError && !scriptsError && !kindsError;
  const settings = (): BuildSettings => ({ ...graphSettings, concurrency: n, scripts: scriptList, failFast });

  const start = async (request: Omit<RequestOf<'monorepo.build'>, 'settings'>) => {
    setBusy(true);
    setRunError(undefined);
    try {
      const record = await call(api, 'monorepo.build', { ...request, settings: settings() });
      navigate({ page: 'run', workflowId: record.workflowId });
    } catch (e) {
      setRunError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const needsConsent = inspection !== undefined && !inspection.open;
  const canRun = settingsValid && inspection?.ok === true && (!needsConsent || consent) && !busy;

  return (
    <div className="page build-page" data-testid="build-page">
      <section className="panel" aria-labelledby="build-title">
        <div className="panel__header">
          <div>
            <h1 id="build-title">Build a monorepo</h1>
            <p className="panel__subtitle">
              Every package's scripts, in dependency order, N at a time — the PackageBuilder workflow on your
              folder.
            </p>
          </div>
          <button
            type="button"
            className="button"
            disabled={!settingsValid || busy}
            onClick={() => void start({ demo: true })}
            data-testid="build-demo"
          >
            Build the demo monorepo
          </button>
        </div>

        <div className="build-page__columns">
          <div>
            <h2>Folder</h2>
            <FolderChooser
              chosen={root}
              onChoose={(path) => {
                setRoot(path);
                setConsent(false);
              }}
            />
          </div>
          <form
            className="build-page__settings"
            onSubmit={(e) => e.preventDefault()}
            aria-label="Build settings"
          >
            <h2>Settings</h2>
            <label className="field">
              <span className="field__label">Packages at once (N)</span>
              <input
                className="input"
                type="number"
                min={1}
                max={64}
                value={concurrency}
                onChange={(e) => setConcurrency(e.target.value)}
                aria-invalid={nError ? true : undefined}
                data-testid="build-concurrency"
              />
              {nError ? <span className="field__error">{nError}</span> : null}
            </label>
            <label className="field">
              <span className="field__label">Scripts, in order</span>
              <input
                className="input input--mono"
                value={scripts}
                onChange={(e) => setScripts(e.target.value)}
                data-testid="build-scripts"
              />
              <span className="field__hint">e.g. “build test”: a package without a script is skipped</span>
              {scriptsError ? <span className="field__error">{scriptsError}</span> : null}
            </label>
            <label className="build-page__check">
              <input type="checkbox" checked={failFast} onChange={(e) => setFailFast(e.target.checked)} />{' '}
              Stop at the first failure (fail-fast)
            </label>
            <fieldset className="fieldset">
              <legend className="fieldset__legend">Dependency kinds that order builds</legend>
              {KINDS.map(([kind, label]) => (
                <label key={kind} className="build-page__check">
                  <input
                    type="checkbox"
                    checked={kinds.includes(kind)}
                    onChange={(e) =>
                      setKinds(
                        e.target.checked
                          ? KINDS.map(([k]) => k).filter((k) => k === kind || kinds.includes(k))
                          : kinds.filter((k) => k !== kind),
                      )
                    }
                    data-testid={`build-kind-${kind}`}
                  />{' '}
                  {label}
                </label>
              ))}
              {kindsError ? <span className="field__error">{kindsError}</span> : null}
            </fieldset>
            <label className="build-page__check">
              <input
                type="checkbox"
                checked={breakDevCycles}
                onChange={(e) => setBreakDevCycles(e.target.checked)}
                data-testid="build-break-dev-cycles"
              />{' '}
              Drop dev edges that close a cycle
            </label>
            <label className="field">
              <span className="field__label">Filter (package globs, “!” excludes)</span>
              <input
                className="input input--mono"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="@acme/api-* (empty: every package)"
                data-testid="build-filter"
              />
            </label>
          </form>
        </div>

        {root ? (
          <div className="build-page__preview">
            <h2>
              <code data-testid="build-root">{root}</code>
            </h2>
            {inspectError ? <ErrorMessage title="Cannot read this folder" message={inspectError} /> : null}
            {inspection && inspection.root === root ? <WorkspacePreview inspection={inspection} /> : null}
          </div>
        ) : (
          <p className="muted">
            Choose a monorepo folder (one with package.json workspaces or pnpm-workspace.yaml).
          </p>
        )}

        {runError ? <ErrorMessage title="The build did not start" message={runError} /> : null}
        <div className="panel__actions">
          {needsConsent ? (
            <label className="build-page__check" data-testid="build-consent">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> Open
              this folder as a workspace: builds will run its packages' scripts on this machine
            </label>
          ) : null}
          <button
            type="button"
            className="button button--primary"
            disabled={!canRun}
            onClick={() => root && void start({ root, openWorkspace: consent })}
            data-testid="build-run"
          >
            {busy ? 'Starting…' : 'Run'}
          </button>
        </div>
      </section>
    </div>
  );
}
