import type { AppError } from '../stores/app-store';

export interface AppErrorBannersProps {
  errors: AppError[];
  onDismiss: (error: AppError) => void;
}

/**
 * Errors the main process caught as a last resort: the app kept running, but something failed
 * that no request reported, and the user should know (the details are in the app's log).
 */
export function AppErrorBanners({ errors, onDismiss }: AppErrorBannersProps) {
  if (errors.length === 0) return null;
  return (
    <div className="app-errors" data-testid="app-errors">
      {errors.map((error) => (
        <div key={`${error.at}-${error.message}`} className="app-error" role="alert">
          <span className="app-error__text">
            {error.fatal
              ? 'The app hit too many internal errors and is stopping: '
              : 'An internal error occurred; the app kept running: '}
            {error.message}
          </span>
          <button type="button" className="button button--small button--on-dark" onClick={() => onDismiss(error)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
