import { describe, expect, it } from 'vitest';
import { CHANNELS, IpcFailure, type ResponseOf } from '../../../src/core/ipc';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';

const summary: ResponseOf<'definitions.save'> = {
  id: 'd1',
  name: 'Build',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = (): never => {
    throw new Error('not used in this test');
  };
  const all = Object.fromEntries(CHANNELS.map((channel) => [channel, unused])) as unknown as Handlers;
  return { ...all, 'definitions.list': () => [], 'definitions.save': () => summary, ...overrides };
}

const validDefinition = {
  schemaVersion: 1,
  name: 'Build',
  nodes: [{ id: 'start', kind: 'start', data: {} }],
  edges: [],
  settings: {},
};

describe('createDispatcher', () => {
  it('refuses an unknown channel without calling anything', async () => {
    const reply = await createDispatcher(handlers())('fs.readFile', { path: '/etc/passwd' });
    expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "fs.readFile"' } });
  });

  it('names the offending field of an invalid payload', async () => {
    const reply = await createDispatcher(handlers())('definitions.save', {
      definition: { ...validDefinition, nodes: [{ id: '', kind: 'start', data: {} }] },
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_INPUT');
    expect(reply.error.path).toBe('definition.nodes.0.id');
    expect(reply.error.message).toMatch(/^Invalid definitions\.save request: definition\.nodes\.0\.id: /);
  });

  it('refuses fields the contract does not know (strict schemas)', async () => {
    const reply = await createDispatcher(handlers())('definitions.list', { sql: 'drop table runs' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT');
  });

  it('passes the parsed request to the handler and wraps its value', async () => {
    let received: unknown;
    const dispatch = createDispatcher(
      handlers({
        'definitions.save': (request) => {
          received = request;
          return summary;
        },
      }),
    );
    const reply = await dispatch('definitions.save', { definition: { ...validDefinition, settings: undefined } });
    expect(reply).toEqual({ ok: true, value: summary });
    // Defaults applied by the contract reach the handler.
    expect(received).toMatchObject({ definition: { settings: {} } });
  });

  it('turns an IpcFailure into its code and a plain error into INTERNAL', async () => {
    const dispatch = createDispatcher(
      handlers({
        'definitions.list': () => {
          throw new IpcFailure('NOT_FOUND', 'No definition "x"', 'id');
        },
        'server.status': () => {
          throw new Error('boom');
        },
      }),
    );
    expect(await dispatch('definitions.list', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No definition "x"', path: 'id' },
    });
    expect(await dispatch('server.status', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'server.status failed: boom' },
    });
  });

  it('lets the classifier name service errors', async () => {
    class ServiceBusy extends Error {}
    const dispatch = createDispatcher(
      handlers({
        'definitions.list': () => {
          throw new ServiceBusy('database is locked');
        },
      }),
      (error) =>
        error instanceof ServiceBusy ? { ok: false, error: { code: 'STORE_ERROR', message: error.message } } : undefined,
    );
    expect(await dispatch('definitions.list', {})).toEqual({
      ok: false,
      error: { code: 'STORE_ERROR', message: 'database is locked' },
    });
  });
});
