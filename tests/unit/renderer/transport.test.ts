import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkflowBuilderApi } from '../../../src/core/ipc/api';
import {
  ipcUrl,
  selectTransport,
  type Transport,
  type TransportEnv,
} from '../../../src/renderer/src/api/transport';
import { FakeWebSocket } from './fake-websocket';

function env(overrides: Partial<TransportEnv> = {}): TransportEnv {
  return {
    global: {},
    location: {
      host: '127.0.0.1:4567',
      protocol: 'http:',
      hash: '#token=abcdefgh12345678',
      pathname: '/',
      search: '',
    },
    history: { replaceState: () => {} },
    storage: null,
    WebSocketImpl: FakeWebSocket,
    ...overrides,
  };
}

let transport: Transport | null = null;
beforeEach(() => {
  FakeWebSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  transport?.dispose();
  transport = null;
  vi.useRealTimers();
});

describe('selectTransport', () => {
  it('uses the preload API (window.workflowBuilder) when present, and opens no socket', () => {
    const preload: WorkflowBuilderApi = { invoke: vi.fn(), on: vi.fn() } as unknown as WorkflowBuilderApi;
    transport = selectTransport(env({ global: { workflowBuilder: preload } }));
    expect(transport.kind).toBe('electron');
    expect(transport.api).toBe(preload);
    expect(transport.connection.get().state).toBe('open');
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('ignores a workflowBuilder global that is not an API object', () => {
    transport = selectTransport(env({ global: { workflowBuilder: { invoke: 'nope' } } }));
    expect(transport.kind).toBe('browser');
  });

  it('falls back to the WebSocket client on ws://<host>/ipc with the token', () => {
    transport = selectTransport(env());
    expect(transport.kind).toBe('browser');
    expect(FakeWebSocket.last().url).toBe('ws://127.0.0.1:4567/ipc');
    expect(FakeWebSocket.last().protocols).toEqual(['wb.v1', 'wb.token.abcdefgh12345678']);
  });

  it('reports a missing token instead of connecting without one', async () => {
    transport = selectTransport(
      env({ location: { host: 'h:1', protocol: 'http:', hash: '', pathname: '/', search: '' } }),
    );
    expect(transport.connection.get().state).toBe('missing-token');
    expect(FakeWebSocket.instances).toHaveLength(0);
    await expect(transport.api.invoke('server.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('uses wss:// for an https page', () => {
    expect(ipcUrl({ host: 'example.test', protocol: 'https:' })).toBe('wss://example.test/ipc');
  });
});
