import type { TransportEnv } from './transport';

/** The real environment of the page. Only called from main.tsx. */
export function browserEnv(): TransportEnv {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  return {
    global: window as unknown as Record<string, unknown>,
    location: window.location,
    history: window.history,
    storage,
    WebSocketImpl: typeof WebSocket === 'function' ? WebSocket : undefined,
  };
}
