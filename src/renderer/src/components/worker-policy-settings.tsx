import { useEffect, useState, type FormEvent } from 'react';
import { AllowedCommandSchema, type AllowedCommand } from '../../../core/settings/worker-policy';
import {
  WorkspaceVariableEditSchema,
  type WorkspaceVariableEdit,
  type WorkspaceVariableView,
} from '../../../core/settings/workspace-variables';
import { useWorkerPolicyStore } from '../stores/store-context';
import { TextField } from './form-field';

/**
 * Settings → Workspaces and Commands: what the worker may run. Builds run only the package's own
 * scripts in a workspace opened here, and definitions may name only the commands listed here —
 * never a program or a folder from a workflow's input.
 */
export function WorkerPolicySettings() {
  const { workspaces, commands, variables, secretStorage, status, busy, error, actions } =
    useWorkerPolicyStore((s) => s);
  useEffect(() => {
    void actions.load();
  }, [actions]);

  return (
    <>
      <WorkspacesSection
        workspaces={workspaces}
        busy={busy}
        error={error?.path === 'root' ? error.message : undefined}
        onOpen={actions.openWorkspace}
        onClose={(root) => void actions.closeWorkspace(root)}
        onEdit={actions.clearError}
      />
      {workspaces.map((root) => (
        <WorkspaceVariablesSection
          key={root}
          root={root}
          variables={variables[root] ?? []}
          canSaveSecrets={secretStorage.canSave}
          secretStorageNote={secretStorage.reason ?? secretStorage.description}
          busy={busy}
          error={error?.path?.startsWith('variables') ? error : null}
          onSave={(edits) => actions.saveVariables(root, edits)}
          onEdit={actions.clearError}
        />
      ))}
      <CommandsSection
        commands={commands}
        busy={busy}
        error={error}
        onSave={actions.saveCommands}
        onEdit={actions.clearError}
      />
      {status === 'error' && error ? (
        <p className="field__error" role="alert">
          Could not load workspaces and commands: {error.message}
        </p>
      ) : null}
    </>
  );
}

function WorkspacesSection(props: {
  workspaces: string[];
  busy: boolean;
  error: string | undefined;
  onOpen: (root: string) => Promise<boolean>;
  onClose: (root: string) => void;
  onEdit: () => void;
}) {
  const [root, setRoot] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await props.onOpen(root.trim())) setRoot('');
  };
  return (
    <form className="connection-form policy-form" aria-label="Workspaces" onSubmit={(e) => void submit(e)}>
      <h2>Workspaces</h2>
      <p className="muted">
        Monorepos builds may run in. A build runs the package&apos;s own package.json scripts, and only in a
        workspace opened here; any other folder is refused.
      </p>
      <ul className="policy-list" data-testid="workspaces-list">
        {props.workspaces.length === 0 ? (
          <li className="muted">No workspace is open: builds are simulated.</li>
        ) : null}
        {props.workspaces.map((dir) => (
          <li key={dir}>
            <code>{dir}</code>{' '}
            <button
              type="button"
              className="button button--small"
              disabled={props.busy}
              onClick={() => props.onClose(dir)}
              aria-label={`Close ${dir}`}
            >
              Close
            </button>
          </li>
        ))}
      </ul>
      <TextField
        id="workspace-root"
        label="Folder"
        hint="The absolute path of the monorepo's root folder"
        placeholder="/home/me/my-monorepo"
        value={root}
        error={props.error}
        onChange={(e) => {
          setRoot(e.target.value);
          props.onEdit();
        }}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={props.busy || root.trim() === ''}>
          Open workspace
        </button>
      </div>
    </form>
  );
}

/** A stored variable as the edit that keeps it unchanged (a secret without its value keeps it). */
function keep(v: WorkspaceVariableView): WorkspaceVariableEdit {
  return v.secret ? { name: v.name, secret: true } : { name: v.name, secret: false, value: v.value ?? '' };
}

/**
 * The variables one workspace adds to its builds (docs/user-guide/build-environment.md). Secret
 * values go to the encrypted secret store and are never shown again; where the app has no such
 * store (browser mode, no keyring) the secret box is disabled and says why.
 */
function WorkspaceVariablesSection(props: {
  root: string;
  variables: WorkspaceVariableView[];
  canSaveSecrets: boolean;
  secretStorageNote: string;
  busy: boolean;
  error: { path?: string; message: string } | null;
  onSave: (edits: WorkspaceVariableEdit[]) => Promise<boolean>;
  onEdit: () => void;
}) {
  const [draft, setDraft] = useState({ name: '', value: '', secret: false });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const index = props.variables.length;
  const mine = submitted ? props.error : null;
  const fieldError = (field: string): string | undefined =>
    local[field] ??
    (mine?.path === `variables.${index}.${field}`
      ? mine.message.replace(/^variables\.\d+\.\w+: /, '')
      : undefined);
  const edit = (next: Partial<typeof draft>) => {
    setDraft({ ...draft, ...next });
    setLocal({});
    props.onEdit();
  };
  const save = async (edits: WorkspaceVariableEdit[]): Promise<boolean> => {
    setSubmitted(true);
    return props.onSave(edits);
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = { name: draft.name.trim(), secret: draft.secret, value: draft.value };
    const parsed = WorkspaceVariableEditSchema.safeParse(candidate);
    const problems: Record<string, string> = {};
    for (const issue of parsed.error?.issues ?? [])
      problems[String(issue.path[0] ?? 'name')] ??= issue.message;
    if (props.variables.some((v) => v.name.toUpperCase() === candidate.name.toUpperCase()))
      problems.name ??= `the name ${candidate.name} is used twice`;
    setLocal(problems);
    if (!parsed.success || Object.keys(problems).length > 0) return;
    if (await save([...props.variables.map(keep), parsed.data]))
      setDraft({ name: '', value: '', secret: false });
  };
  const otherError = mine && !mine.path?.startsWith(`variables.${index}.`);
  const id = (field: string) => `variable-${field}-${props.root}`;

  return (
    <form
      className="connection-form policy-form"
      aria-label={`Build variables of ${props.root}`}
      onSubmit={(e) => void add(e)}
    >
      <h2>Build variables</h2>
      <p className="muted">
        Added to the environment of every build in <code>{props.root}</code>, after the worker&apos;s own
        environment (without the app&apos;s secrets) and before npm&apos;s script variables.
      </p>
      <ul className="policy-list" data-testid="workspace-variables">
        {props.variables.length === 0 ? <li className="muted">No variables.</li> : null}
        {props.variables.map((v) => (
          <li key={v.name}>
            <code>
              {v.name}={v.secret ? '••••••' : v.value}
            </code>
            {v.secret ? <span className="muted"> (secret, kept in the encrypted store)</span> : null}{' '}
            <button
              type="button"
              className="button button--small"
              disabled={props.busy}
              aria-label={`Remove ${v.name}`}
              onClick={() => void save(props.variables.filter((o) => o.name !== v.name).map(keep))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <TextField
        id={id('name')}
        label="Name"
        placeholder="NODE_ENV"
        value={draft.name}
        error={fieldError('name')}
        onChange={(e) => edit({ name: e.target.value })}
      />
      <TextField
        id={id('value')}
        label="Value"
        type={draft.secret ? 'password' : 'text'}
        value={draft.value}
        error={fieldError('value')}
        onChange={(e) => edit({ value: e.target.value })}
      />
      <label className="run-toolbar__check">
        <input
          type="checkbox"
          checked={draft.secret}
          disabled={!props.canSaveSecrets}
          onChange={(e) => edit({ secret: e.target.checked })}
        />{' '}
        Secret (kept in the encrypted secret store, never shown again)
      </label>
      {!props.canSaveSecrets ? (
        <p className="muted" title={props.secretStorageNote} data-testid="variables-no-secret-store">
          This app has no encrypting secret store here (browser mode, or no keyring). Set secret variables in
          the environment the app starts with instead: builds inherit it, except the app&apos;s own secrets.
        </p>
      ) : null}
      {otherError ? (
        <p className="field__error" role="alert">
          {mine?.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={props.busy || draft.name.trim() === ''}>
          Add variable
        </button>
      </div>
    </form>
  );
}

const EMPTY = { name: '', program: '', args: '', description: '' };

function CommandsSection(props: {
  commands: AllowedCommand[];
  busy: boolean;
  error: { path?: string; message: string } | null;
  onSave: (commands: AllowedCommand[]) => Promise<boolean>;
  onEdit: () => void;
}) {
  const [draft, setDraft] = useState(EMPTY);
  const [local, setLocal] = useState<Record<string, string>>({});
  const index = props.commands.length;
  // Errors of the new entry: checked here first, then as main reports them (`commands.<i>.<field>`).
  const fieldError = (field: string): string | undefined =>
    local[field] ??
    (props.error?.path === `commands.${index}.${field}`
      ? props.error.message.replace(/^commands\.\d+\.\w+: /, '')
      : undefined);

  const edit = (field: keyof typeof EMPTY, value: string) => {
    setDraft({ ...draft, [field]: value });
    setLocal({});
    props.onEdit();
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      name: draft.name.trim(),
      program: draft.program.trim(),
      // One argument per line: no shell, no quoting rules to get wrong.
      args: draft.args.split('\n').filter((line) => line !== ''),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    };
    const parsed = AllowedCommandSchema.safeParse(candidate);
    const problems: Record<string, string> = {};
    for (const issue of parsed.error?.issues ?? [])
      problems[String(issue.path[0] ?? 'name')] ??= issue.message;
    if (props.commands.some((c) => c.name === candidate.name))
      problems.name ??= `the name "${candidate.name}" is used twice`;
    setLocal(problems);
    if (!parsed.success || Object.keys(problems).length > 0) return;
    if (await props.onSave([...props.commands, parsed.data])) setDraft(EMPTY);
  };
  const otherError =
    props.error &&
    !props.error.path?.startsWith(`commands.${index}.`) &&
    props.error.path !== 'root' &&
    !props.error.path?.startsWith('variables');

  return (
    <form className="connection-form policy-form" aria-label="Commands" onSubmit={(e) => void add(e)}>
      <h2>Commands</h2>
      <p className="muted">
        Commands definitions may name (remediation, custom steps), run without a shell in the package&apos;s
        folder. A definition refers to them by name only.
      </p>
      <ul className="policy-list" data-testid="commands-list">
        {props.commands.length === 0 ? <li className="muted">No commands.</li> : null}
        {props.commands.map((command) => (
          <li key={command.name}>
            <strong>{command.name}</strong> <code>{[command.program, ...command.args].join(' ')}</code>
            {command.description ? <span className="muted"> — {command.description}</span> : null}{' '}
            <button
              type="button"
              className="button button--small"
              disabled={props.busy}
              aria-label={`Remove ${command.name}`}
              onClick={() => void props.onSave(props.commands.filter((c) => c.name !== command.name))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <TextField
        id="command-name"
        label="Name"
        placeholder="clean"
        value={draft.name}
        error={fieldError('name')}
        onChange={(e) => edit('name', e.target.value)}
      />
      <TextField
        id="command-program"
        label="Program"
        placeholder="rm"
        value={draft.program}
        error={fieldError('program')}
        onChange={(e) => edit('program', e.target.value)}
      />
      <div className="field">
        <label className="field__label" htmlFor="command-args">
          Arguments (one per line)
        </label>
        <textarea
          id="command-args"
          className="input input--mono"
          rows={3}
          value={draft.args}
          spellCheck={false}
          onChange={(e) => edit('args', e.target.value)}
        />
        {fieldError('args') ? <p className="field__error">{fieldError('args')}</p> : null}
      </div>
      <TextField
        id="command-description"
        label="Description"
        value={draft.description}
        error={fieldError('description')}
        onChange={(e) => edit('description', e.target.value)}
      />
      {otherError ? (
        <p className="field__error" role="alert">
          {props.error?.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={props.busy}>
          Add command
        </button>
      </div>
    </form>
  );
}
