/**
 * The browser-mode access token. The host prints `http://127.0.0.1:PORT/#token=<TOKEN>`: the
 * fragment is never sent in an HTTP request line. On load we take the token out of the fragment,
 * remove it from the address bar, and keep it in sessionStorage so a reload still works.
 */

export const TOKEN_STORAGE_KEY = 'workflow-builder.token';

/** A token is used as a WebSocket subprotocol, so it must be an HTTP token (RFC 9110 tchar). */
const TOKEN_PATTERN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{8,512}$/;

export function isValidToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export interface TokenLocation {
  hash: string;
  pathname: string;
  search: string;
}

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TokenEnv {
  location: TokenLocation;
  history: { replaceState(data: unknown, unused: string, url?: string | null): void } | null;
  storage: TokenStorage | null;
}

/**
 * Returns the token from `#token=…` (storing it, and stripping it from the URL), else the one
 * stored by an earlier load of this tab, else null.
 */
export function takeToken(env: TokenEnv): string | null {
  const hash = env.location.hash.startsWith('#') ? env.location.hash.slice(1) : env.location.hash;
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash !== null) {
    params.delete('token');
    const rest = params.toString();
    try {
      env.history?.replaceState(
        null,
        '',
        env.location.pathname + env.location.search + (rest ? `#${rest}` : ''),
      );
    } catch {
      // Some embedded contexts refuse replaceState; the token then stays visible, nothing breaks.
    }
    if (isValidToken(fromHash)) {
      try {
        env.storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
      } catch {
        // Storage may be disabled; the token still works for this page load.
      }
      return fromHash;
    }
    return null;
  }
  let stored: string | null = null;
  try {
    stored = env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return stored !== null && isValidToken(stored) ? stored : null;
}
