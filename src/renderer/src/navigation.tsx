import { createContext, useContext } from 'react';
import type { HashRoute } from './lib/hash-route';

/**
 * Where the app is. The runs pages have an address in the URL fragment (`#/runs`,
 * `#/runs/<workflowId>`, lib/hash-route.ts) so a reload comes back to the same run; the others are
 * kept in React state (browser mode's fragment carries the session token once, at load).
 */
export type Route =
  | { page: 'workflows' }
  | { page: 'settings' }
  | { page: 'build' }
  | { page: 'editor'; id: string; version?: number }
  | HashRoute;

export type Navigate = (route: Route) => void;

const NavigateContext = createContext<Navigate>(() => undefined);

export const NavigateProvider = NavigateContext.Provider;

/** Navigates to another page. */
export function useNavigate(): Navigate {
  return useContext(NavigateContext);
}
