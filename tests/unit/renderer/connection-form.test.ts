import { describe, expect, it } from 'vitest';
import {
  buildSaveRequest,
  fieldForPath,
  formFromSettings,
  type ConnectionForm,
} from '../../../src/renderer/src/lib/connection-form';

const external = (patch: Partial<ConnectionForm> = {}): ConnectionForm => ({
  ...formFromSettings({ mode: 'external', address: 'temporal.example.com:7233', namespace: 'default' }),
  ...patch,
});

describe('connection form', () => {
  it('round-trips external settings with TLS and an API key source', () => {
    const connection = {
      mode: 'external' as const,
      address: 'temporal.example.com:7233',
      namespace: 'prod',
      tls: { caPath: '/etc/ca.pem', certPath: '/c.pem', keyPath: '/k.pem', serverName: 'tmp' },
      apiKey: { env: 'TEMPORAL_API_KEY' },
    };
    expect(buildSaveRequest(formFromSettings(connection), { apiKeyStored: false })).toEqual({
      ok: true,
      request: { connection },
    });
  });

  it('builds embedded settings, omitting an empty namespace', () => {
    const form = formFromSettings({ mode: 'embedded' });
    expect(buildSaveRequest(form, { apiKeyStored: false })).toEqual({
      ok: true,
      request: { connection: { mode: 'embedded' } },
    });
  });

  it('reports an address without a port at the address field', () => {
    const result = buildSaveRequest(external({ address: 'localhost' }), { apiKeyStored: false });
    expect(result).toEqual({
      ok: false,
      errors: { address: 'The address must be host:port, e.g. temporal.example.com:7233.' },
    });
  });

  it('asks for required fields and for both mTLS files', () => {
    const result = buildSaveRequest(
      external({ address: '', namespace: '', tlsEnabled: true, certPath: '/c.pem' }),
      { apiKeyStored: false },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['address', 'keyPath', 'namespace']);
    expect(result.errors.keyPath).toMatch(/both the client certificate and the client key/);
  });

  it('needs a key for the keychain unless one is saved; never prefills it', () => {
    const form = external({ apiKeySource: 'stored' });
    expect(buildSaveRequest(form, { apiKeyStored: false })).toMatchObject({
      ok: false,
      errors: { apiKeyValue: expect.any(String) },
    });
    expect(buildSaveRequest(form, { apiKeyStored: true })).toEqual({
      ok: true,
      request: { connection: { ...buildConnection(), apiKey: { stored: true } } },
    });
    expect(buildSaveRequest({ ...form, apiKeyValue: ' k3y ' }, { apiKeyStored: false })).toMatchObject({
      ok: true,
      request: { apiKey: 'k3y' },
    });
    const loaded = formFromSettings({ ...buildConnection(), apiKey: { stored: true } });
    expect(loaded).toMatchObject({ apiKeySource: 'stored', apiKeyValue: '' });
  });

  it('maps server error paths to fields', () => {
    expect(fieldForPath('connection.address')).toBe('address');
    expect(fieldForPath('connection.tls.keyPath')).toBe('keyPath');
    expect(fieldForPath('connection.apiKey')).toBe('apiKeySource');
    expect(fieldForPath('connection.apiKey.env')).toBe('apiKeyEnv');
    expect(fieldForPath('apiKey')).toBe('apiKeyValue');
    expect(fieldForPath('connection.mode')).toBe('form');
    expect(fieldForPath(undefined)).toBe('form');
  });
});

function buildConnection() {
  return { mode: 'external' as const, address: 'temporal.example.com:7233', namespace: 'default' };
}

describe('connection form: Web UI address (issue 9: links into an external cluster’s Web UI)', () => {
  it('keeps a valid webUiUrl, round-trips it, and names a bad one at its field', () => {
    const form = {
      ...formFromSettings({ mode: 'external', address: 'temporal.example.com:7233', namespace: 'prod' }),
      webUiUrl: ' https://ui.example.com ',
    };
    const built = buildSaveRequest(form, { apiKeyStored: false });
    expect(built).toEqual({
      ok: true,
      request: {
        connection: {
          mode: 'external',
          address: 'temporal.example.com:7233',
          namespace: 'prod',
          webUiUrl: 'https://ui.example.com',
        },
      },
    });
    if (built.ok) expect(formFromSettings(built.request.connection).webUiUrl).toBe('https://ui.example.com');
    const bad = buildSaveRequest({ ...form, webUiUrl: 'javascript:alert(1)' }, { apiKeyStored: false });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.webUiUrl).toMatch(/http:\/\/ or https:\/\//);
  });
});
