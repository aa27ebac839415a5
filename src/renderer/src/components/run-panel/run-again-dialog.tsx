import { useEffect, useState, type FormEvent } from 'react';
import type { InputSpec } from '../../../../core/definition';
import { MAX_CONCURRENT_CHILDREN } from '../../../../core/definition/node-kinds/dynamic-loop';
import type { RunRecord } from '../../../../core/ipc/contract';
import { useApi } from '../../api/api-context';
import { call, errorMessage } from '../../api/calls';
import { editsAsLines, inputText, linesHint, parseRunInputs } from '../../editor/run-inputs';
import { userInputsOf } from '../../lib/run-actions-model';
import type { RunActionOptions } from '../../stores/run-view-store';
import { DialogActions } from '../dialog-actions';

export interface RunAgainDialogProps {
  record: RunRecord;
  /** The run's N now (its view), the dialog's starting value. */
  slots: number;
  /** Packages the old run completed: offered for reuse when there are any. */
  completed: number;
  /** Starts the run; resolves to the reason it could not, or null. */
  onSubmit: (options: RunActionOptions) => Promise<string | null>;
  onClose: () => void;
}

/**
 * Run again with edited settings: the old run's inputs and N, editable, and — after a run that left
 * work undone — whether to reuse the packages it completed (a seeded run builds only the rest).
 */
export function RunAgainDialog({ record, slots, completed, onSubmit, onClose }: RunAgainDialogProps) {
  const api = useApi();
  const old = userInputsOf(record);
  const [specs, setSpecs] = useState<readonly InputSpec[] | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [n, setN] = useState(String(typeof old.maxConcurrent === 'number' ? old.maxConcurrent : slots));
  const [reuse, setReuse] = useState(completed > 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (record.definitionId === null) return;
    call(api, 'definitions.get', { id: record.definitionId, version: record.definitionVersion ?? undefined })
      .then((stored) => {
        const inputs = stored.definition.settings.inputs ?? [];
        setSpecs(inputs);
        setTexts(Object.fromEntries(inputs.map((spec) => [spec.name, inputText(spec, old[spec.name])])));
      })
      .catch((error: unknown) => setFailure(`Cannot read the run's definition: ${errorMessage(error)}`));
    // The record's definition does not change while the dialog is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, record.definitionId, record.definitionVersion]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!specs) return;
    const parsed = parseRunInputs(specs, texts);
    const slotsWanted = Number(n);
    const all = { ...parsed.errors };
    if (!Number.isInteger(slotsWanted) || slotsWanted < 1 || slotsWanted > MAX_CONCURRENT_CHILDREN) {
      all.maxConcurrent = `must be a whole number from 1 to ${MAX_CONCURRENT_CHILDREN}`;
    }
    setErrors(all);
    if (Object.keys(all).length > 0) return;
    setStarting(true);
    setFailure(null);
    const error = await onSubmit({
      input: parsed.input,
      maxConcurrent: slotsWanted,
      reuseCompleted: reuse,
    });
    if (error) {
      setFailure(`Could not start: ${error}`);
      setStarting(false);
    }
  };

  const field = (name: string, label: string, control: React.ReactNode, help?: string) => (
    <div key={name} className={`form-row${errors[name] ? ' form-row--invalid' : ''}`}>
      <label className="form-row__label" htmlFor={`again-${name}`}>
        {label}
      </label>
      {control}
      {help ? <p className="form-row__help">{help}</p> : null}
      {errors[name] ? (
        <p className="form-row__error" role="alert">
          {label} {errors[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="again-title"
        onSubmit={(e) => void submit(e)}
        data-testid="run-again-dialog"
      >
        <h2 id="again-title">Run again with edited settings</h2>
        {field(
          'maxConcurrent',
          'Builds at once (N)',
          <input
            id="again-maxConcurrent"
            className="input"
            type="number"
            min={1}
            max={MAX_CONCURRENT_CHILDREN}
            value={n}
            onChange={(e) => setN(e.target.value)}
            data-testid="run-again-n"
          />,
          'Children in flight at most in the new run, instead of the definition’s N.',
        )}
        {specs === null && !failure ? <p className="muted">Loading the inputs…</p> : null}
        {(specs ?? []).map((spec) =>
          field(
            spec.name,
            spec.label ?? spec.name,
            spec.type === 'json' || spec.type === 'packages' || editsAsLines(spec) ? (
              <textarea
                id={`again-${spec.name}`}
                className="input input--code"
                rows={3}
                placeholder={linesHint(spec) ?? undefined}
                value={texts[spec.name] ?? ''}
                onChange={(e) => setTexts({ ...texts, [spec.name]: e.target.value })}
                data-testid={`run-again-input-${spec.name}`}
              />
            ) : (
              <input
                id={`again-${spec.name}`}
                className="input"
                type={spec.type === 'number' ? 'number' : 'text'}
                value={texts[spec.name] ?? ''}
                onChange={(e) => setTexts({ ...texts, [spec.name]: e.target.value })}
                data-testid={`run-again-input-${spec.name}`}
              />
            ),
            [linesHint(spec), spec.description].filter(Boolean).join(' ') || undefined,
          ),
        )}
        {completed > 0 ? (
          <label className="run-toolbar__check">
            <input
              type="checkbox"
              checked={reuse}
              onChange={(e) => setReuse(e.target.checked)}
              data-testid="run-again-reuse"
            />{' '}
            Reuse the {completed} completed package{completed === 1 ? '' : 's'} (build only the rest)
          </label>
        ) : null}
        {failure ? (
          <p className="form-row__error" role="alert" data-testid="run-again-failure">
            {failure}
          </p>
        ) : null}
        <DialogActions
          onCancel={onClose}
          label="Start run"
          busyLabel="Starting…"
          busy={starting}
          disabled={specs === null}
          testId="run-again-start"
        />
      </form>
    </div>
  );
}
