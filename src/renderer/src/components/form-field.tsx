import type { ReactNode } from 'react';

export interface FormFieldProps {
  /** id of the control; the label, hint and error are tied to it. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Renders the control, given the ids to put in its aria-describedby and whether it is invalid. */
  children: (aria: { 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

/** A labelled form control with an optional hint and an error shown next to it. */
export function FormField({ id, label, hint, error, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {error ? (
        <p className="field__error" id={errorId} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends Omit<FormFieldProps, 'children'> {
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  placeholder?: string;
  type?: 'text' | 'password';
  autoComplete?: string;
}

/** A labelled monospace text input (addresses, names, paths, keys): no spell-checking. */
export function TextField({ value, onChange, placeholder, type, autoComplete, ...field }: TextFieldProps) {
  return (
    <FormField {...field}>
      {(aria) => (
        <input
          id={field.id}
          className="input input--mono"
          type={type ?? 'text'}
          value={value}
          onChange={onChange}
          placeholder={placeholder}
          autoComplete={autoComplete}
          spellCheck={false}
          {...aria}
        />
      )}
    </FormField>
  );
}
