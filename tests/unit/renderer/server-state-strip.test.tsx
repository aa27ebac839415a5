/**
 * Proves the editor's server state strip (src/renderer/src/editor/server-state-strip.tsx): a clear
 * line while the Temporal server starts or is down (what still works, what waits), nothing once it
 * is ready. Quick tier.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ServerStatus } from '../../../src/core/ipc/contract';
import { ServerStateStrip } from '../../../src/renderer/src/editor/server-state-strip';
import type { AppStore } from '../../../src/renderer/src/stores/app-store';
import { AppStoreProvider } from '../../../src/renderer/src/stores/store-context';

const status = (state: ServerStatus['state'], message?: string): ServerStatus => ({
  state,
  mode: 'embedded',
  namespace: 'default',
  restarts: 0,
  since: '2026-01-01T00:00:00.000Z',
  ...(message !== undefined && { message }),
});

/** Renders the strip over an app store holding only the server status (all it reads). */
const render = (server: ServerStatus | null) =>
  renderToStaticMarkup(
    <AppStoreProvider store={createStore(() => ({ server: { status: server } })) as unknown as AppStore}>
      <ServerStateStrip />
    </AppStoreProvider>,
  ).replace(/&#x27;/g, "'");

describe('ServerStateStrip', () => {
  it('says the server is starting and that editing and saving go on', () => {
    expect(render(null)).toContain('The Temporal server is starting — edit and save now');
    expect(render(status('starting'))).toContain('Run is ready when the server is.');
  });

  it('names a server that is down, with its reason and the way to settings', () => {
    const html = render(status('crashed', 'exited with code 1 (port 7233 in use)'));
    expect(html).toContain(
      'The Temporal server has crashed: exited with code 1 (port 7233 in use). Edits still save; runs cannot start.',
    );
    expect(html).toContain('Server settings');
    expect(html).toContain('role="status"');
  });

  it('words every other state', () => {
    expect(render(status('stopped'))).toContain('The Temporal server is stopped. Edits still save');
    expect(render(status('unavailable', 'binary not found'))).toContain(
      'The Temporal server is unavailable: binary not found.',
    );
  });

  it('shows nothing when the server is ready or external', () => {
    expect(render(status('ready'))).toBe('');
    expect(render(status('external'))).toBe('');
  });
});
