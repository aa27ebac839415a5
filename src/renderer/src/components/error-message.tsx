import type { ReactNode } from 'react';

export interface ErrorMessageProps {
  title: string;
  message: string;
  /** e.g. a Retry button. */
  action?: ReactNode;
}

/** An error with its message, announced to assistive technology. */
export function ErrorMessage({ title, message, action }: ErrorMessageProps) {
  return (
    <div className="error-message" role="alert">
      <div>
        <strong className="error-message__title">{title}</strong>
        <p className="error-message__text">{message}</p>
      </div>
      {action ? <div className="error-message__action">{action}</div> : null}
    </div>
  );
}
