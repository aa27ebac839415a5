/**
 * The headers every response of the app carries (browser mode; the Electron window gets the same
 * through onHeadersReceived). Nothing but this origin and its own WebSocket:
 * - the CSP's connect-src names the app's own port, not every loopback port, so a script that got
 *   into the page cannot talk to the dev server or another local service;
 * - no 'unsafe-inline' styles: the built renderer has no inline <style> (its CSS is one file;
 *   React's style props go through the CSSOM, which CSP does not govern) — checked in headless
 *   Chromium by tests/e2e/csp.spec.ts;
 * - COOP and CORP same-origin: no other page keeps a handle on this window, and no other origin
 *   may embed this origin's responses (a script or image tag on a foreign page reads nothing).
 */

export interface CspOptions {
  /** WebSocket origins the page may connect to, e.g. `ws://127.0.0.1:4321`. */
  connect: string[];
  /** Only for a Vite dev server, which injects <style> elements for hot reload. */
  inlineStyles?: boolean;
}

/** The Content-Security-Policy for the renderer. */
export function contentSecurityPolicy(options: CspOptions): string {
  const style = options.inlineStyles ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${style}`,
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    ['connect-src', "'self'", ...options.connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The browser-mode page's WebSocket origins: its own port, under either loopback name. */
export function ownWebSocketOrigins(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}

/** Headers for every browser-mode response, errors included. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connect: ownWebSocketOrigins(port) }),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}
