import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}

/** A friendly "nothing here yet" panel that says how to begin. */
export function EmptyState({ title, children, action, testId = 'empty-state' }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <svg className="empty-state__art" viewBox="0 0 120 48" aria-hidden="true" focusable="false">
        <rect x="4" y="14" width="28" height="20" rx="6" />
        <rect x="88" y="14" width="28" height="20" rx="6" />
        <path d="M32 24 H88" />
        <path d="M80 19 L88 24 L80 29" />
      </svg>
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
