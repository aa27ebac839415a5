/**
 * A dialog's closing row, the same in every dialog: Cancel, then the primary action — the form's
 * submit button, or a plain button when `onConfirm` is given (a dialog without a form).
 */
export function DialogActions({
  onCancel,
  label,
  busyLabel,
  busy = false,
  disabled = false,
  testId,
  onConfirm,
  autoFocus,
}: {
  onCancel: () => void;
  label: string;
  /** Shown instead of `label` while `busy`. */
  busyLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  testId: string;
  onConfirm?: () => void;
  autoFocus?: boolean;
}) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button
        type={onConfirm ? 'button' : 'submit'}
        className="button button--primary"
        onClick={onConfirm}
        disabled={busy || disabled}
        data-testid={testId}
        autoFocus={autoFocus}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    </div>
  );
}
