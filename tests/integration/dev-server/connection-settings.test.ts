import { describe, expect, it } from 'vitest';
import {
  ConnectionSettingsSchema,
  DEFAULT_CONNECTION_SETTINGS,
} from '../../../src/core/settings/connection-settings';

const issues = (value: unknown): string[] => {
  const result = ConnectionSettingsSchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ConnectionSettingsSchema', () => {
  it('accepts the embedded default and an embedded namespace', () => {
    expect(ConnectionSettingsSchema.parse(DEFAULT_CONNECTION_SETTINGS)).toEqual({ mode: 'embedded' });
    expect(ConnectionSettingsSchema.parse({ mode: 'embedded', namespace: 'builds' })).toEqual({
      mode: 'embedded',
      namespace: 'builds',
    });
  });

  it('accepts a full external cluster with TLS, mTLS and an API key reference', () => {
    const settings = {
      mode: 'external',
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      namespace: 'my-ns.a1b2c',
      tls: {
        serverName: 'my-ns.a1b2c.tmprl.cloud',
        caPath: '/etc/ca.pem',
        certPath: '/etc/client.pem',
        keyPath: '/etc/client.key',
      },
      apiKey: { env: 'TEMPORAL_API_KEY' },
    };
    expect(ConnectionSettingsSchema.parse(settings)).toEqual(settings);
  });

  it('names the field of each mistake', () => {
    expect(issues({ mode: 'external', address: 'no-port', namespace: 'default' })).toEqual([
      'address: the address must be host:port, e.g. temporal.example.com:7233',
    ]);
    expect(issues({ mode: 'external', address: 'h:70000', namespace: 'default' })).toEqual([
      'address: the port must be between 1 and 65535',
    ]);
    expect(
      issues({ mode: 'external', address: 'h:7233', namespace: 'default', tls: { certPath: '/c.pem' } }),
    ).toEqual(['tls.keyPath: mTLS needs both certPath and keyPath']);
    expect(
      issues({ mode: 'external', address: 'h:7233', namespace: 'default', apiKey: { env: 'A', file: '/k' } }),
    ).toEqual(['apiKey: apiKey needs exactly one of env, file or stored: true']);
    expect(
      issues({ mode: 'external', address: 'h:7233', namespace: 'default', apiKey: { env: 'NOT A NAME' } })[0],
    ).toMatch(/^apiKey.env:/);
    expect(issues({ mode: 'embedded', namespace: '-bad' })[0]).toMatch(/^namespace:/);
  });

  it('never accepts a secret value in the settings (only references)', () => {
    expect(
      issues({ mode: 'external', address: 'h:7233', namespace: 'default', apiKey: { value: 'sk-123' } }),
    ).not.toEqual([]);
    expect(
      issues({ mode: 'external', address: 'h:7233', namespace: 'default', tls: { keyPem: '-----BEGIN' } }),
    ).not.toEqual([]);
  });
});
