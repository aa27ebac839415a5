import { useSyncExternalStore } from 'react';

/**
 * Pages that have an address, in the URL fragment: `#/runs` (the runs list) and
 * `#/runs/<workflowId>` (one run's dashboard), so a reload comes back to the same run. The
 * browser-mode token also travels in the fragment once (`#token=…`) and is removed at load.
 */
export type HashRoute = { page: 'runs' } | { page: 'run'; workflowId: string };

/** The route of a fragment, or null when it names none. */
export function parseHashRoute(hash: string): HashRoute | null {
  const path = hash.startsWith('#') ? hash.slice(1) : hash;
  if (path === '/runs' || path === '/runs/') return { page: 'runs' };
  const match = /^\/runs\/(.+)$/.exec(path);
  if (!match) return null;
  try {
    return { page: 'run', workflowId: decodeURIComponent(match[1]!) };
  } catch {
    return null;
  }
}

/** The fragment of a route (`null`: no route, the default page). */
export function hashOf(route: HashRoute | null): string {
  if (!route) return '';
  return route.page === 'runs' ? '#/runs' : `#/runs/${encodeURIComponent(route.workflowId)}`;
}

/** Goes to a route (a new history entry, so Back returns). */
export function navigate(route: HashRoute | null): void {
  const hash = hashOf(route);
  if (hash === window.location.hash) return;
  if (hash) window.location.hash = hash;
  else {
    window.history.pushState(null, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

/** The current route; re-renders on navigation. */
export function useHashRoute(): HashRoute | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // parse on each render: cheap, and a stable string snapshot keeps React from looping.
  return parseHashRoute(hash);
}
