import { createContext, useContext } from 'react';

/**
 * Where the app is. Kept in React state, not in the URL hash: browser mode's URL fragment carries
 * the session token (see api/token.ts).
 */
export type Route =
  | { page: 'workflows' }
  | { page: 'settings' }
  | { page: 'editor'; id: string; version?: number }
  | { page: 'run'; workflowId: string };

export type Navigate = (route: Route) => void;

const NavigateContext = createContext<Navigate>(() => undefined);

export const NavigateProvider = NavigateContext.Provider;

/** Navigates to another page. */
export function useNavigate(): Navigate {
  return useContext(NavigateContext);
}
