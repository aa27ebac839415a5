import { useId, useState, type InputHTMLAttributes } from 'react';
import { completeReference, type ReferenceScope } from '../../../core/editor';

export interface ReferenceInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
> {
  value: string;
  onChange: (text: string) => void;
  scope: ReferenceScope;
}

/**
 * A text field that completes `$…` references (ARIA combobox): typing `$` lists the reference
 * heads, `$input.` the declared inputs, `$package.` the package fields. ↓/↑ move, Enter or Tab
 * takes the option, Escape closes the list. Options come from core's `completeReference`.
 */
export function ReferenceInput({ value, onChange, scope, ...rest }: ReferenceInputProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = open ? completeReference(value, scope) : [];
  const shown = options.length > 0;
  const current = Math.min(active, options.length - 1);

  const take = (text: string) => {
    onChange(text);
    setActive(0);
    // A head such as `$input.` continues with its own options; a complete reference closes the list.
    setOpen(text.endsWith('.'));
  };

  return (
    <div className="reference-input">
      <input
        {...rest}
        type="text"
        className="input input--code"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? `${listId}-${current}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (!shown) {
            if (e.key === 'ArrowDown' && value.startsWith('$')) setOpen(true);
            return;
          }
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((current + step + options.length) % options.length);
          } else if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) {
            e.preventDefault();
            take(options[current]!.text);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {shown ? (
        <ul id={listId} role="listbox" className="reference-input__list" aria-label="References">
          {options.map((o, i) => (
            <li
              key={o.text}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={`reference-input__option${i === current ? ' reference-input__option--active' : ''}`}
              // mousedown, not click: the field keeps focus (a click would blur it and close the list first).
              onMouseDown={(e) => {
                e.preventDefault();
                take(o.text);
              }}
            >
              <code>{o.text}</code> <span className="muted">{o.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
