import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { InputSpec } from '../../../core/definition';
import { whatIfBeforeRun } from '../../../core/editor';
import { errorMessage } from '../api/calls';
import { WhatIfPanel } from '../components/run-panel/what-if-panel';
import '../run-dashboard.css';
import { useNavigate } from '../navigation';
import { useEditor } from './editor-context';
import { editsAsLines, initialText, linesHint, parseRunInputs } from './run-inputs';
import { DialogActions } from '../components/dialog-actions';

/**
 * The Run form, generated from `settings.inputs`; validated before the run starts, then opens the
 * run's page. A workflow with a Dynamic Loop over a known graph shows, before it starts, the
 * predicted makespan at N = 1…16 (the run page's what-if panel and schedule simulation).
 */
export function RunDialog({ onClose }: { onClose: () => void }) {
  const inputs: readonly InputSpec[] = useEditor((s) => s.history?.definition.settings.inputs ?? []);
  const actions = useEditor((s) => s.actions);
  const definition = useEditor((s) => s.history?.definition ?? null);
  const prediction = useMemo(() => (definition ? whatIfBeforeRun(definition) : null), [definition]);
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  // A modal dialog takes focus (its first field, else Start), so keys, Escape included, reach it.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea, button[type="submit"]')?.focus();
  }, []);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(inputs.map((spec) => [spec.name, initialText(spec)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const edit = (name: string, text: string) => {
    setTexts({ ...texts, [name]: text });
    // A message about a field goes once the user changes it; the next Start checks again.
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseRunInputs(inputs, texts);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    setStarting(true);
    setFailure(null);
    try {
      const record = await actions.startRun(parsed.input);
      navigate({ page: 'run', workflowId: record.workflowId });
    } catch (error) {
      setFailure(errorMessage(error));
      setStarting(false);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        ref={form}
        className={`dialog${prediction?.ok ? ' dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="run-title"
        onSubmit={(e) => void submit(e)}
        data-testid="run-dialog"
      >
        <h2 id="run-title">Run workflow</h2>
        {inputs.length === 0 ? <p className="muted">This workflow declares no inputs.</p> : null}
        {inputs.map((spec) => (
          <div key={spec.name} className={`form-row${errors[spec.name] ? ' form-row--invalid' : ''}`}>
            <label className="form-row__label" htmlFor={`run-${spec.name}`}>
              {spec.label ?? spec.name}
              {spec.required ? ' *' : ''} <span className="muted">({spec.type})</span>
            </label>
            {spec.type === 'boolean' ? (
              <select
                id={`run-${spec.name}`}
                className="input"
                value={texts[spec.name] ?? ''}
                onChange={(e) => edit(spec.name, e.target.value)}
              >
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : spec.type === 'json' || spec.type === 'packages' || editsAsLines(spec) ? (
              <textarea
                id={`run-${spec.name}`}
                className="input input--code"
                rows={3}
                placeholder={linesHint(spec) ?? undefined}
                value={texts[spec.name] ?? ''}
                onChange={(e) => edit(spec.name, e.target.value)}
                data-testid={`run-input-${spec.name}`}
              />
            ) : (
              <input
                id={`run-${spec.name}`}
                className="input"
                type={spec.type === 'number' ? 'number' : 'text'}
                value={texts[spec.name] ?? ''}
                onChange={(e) => edit(spec.name, e.target.value)}
                data-testid={`run-input-${spec.name}`}
              />
            )}
            {spec.description || editsAsLines(spec) ? (
              <p className="form-row__help">
                {[linesHint(spec), spec.description].filter(Boolean).join(' ')}
              </p>
            ) : null}
            {errors[spec.name] ? (
              <p className="form-row__error" role="alert">
                {spec.label ?? spec.name} {errors[spec.name]}
              </p>
            ) : null}
          </div>
        ))}
        {prediction?.ok ? (
          <div className="run-dialog__what-if" data-testid="run-what-if">
            <WhatIfPanel whatIf={prediction.whatIf} slots={prediction.slots} />
            <p className="muted run-dialog__note">
              Before the run: the {prediction.packages} packages of the graph
              {prediction.estimated < prediction.packages
                ? ` (${prediction.packages - prediction.estimated} without an estimate count as 1 ms)`
                : ''}{' '}
              at their estimated build times, scheduled as “{prediction.loopId}” does at N ={' '}
              {prediction.slots} (highlighted). Lower bound: neither the longest dependency chain nor the
              total work shared by N slots can be beaten.
            </p>
          </div>
        ) : prediction && definition?.nodes.some((n) => n.kind === 'dynamicLoop') ? (
          <p className="muted" data-testid="run-what-if-unavailable">
            No prediction: {prediction.reason}
          </p>
        ) : null}
        {failure ? (
          <p className="form-row__error" role="alert" data-testid="run-failure">
            Could not start: {failure}
          </p>
        ) : null}
        <DialogActions
          onCancel={onClose}
          label="Start run"
          busyLabel="Starting…"
          busy={starting}
          testId="run-start"
        />
      </form>
    </div>
  );
}
