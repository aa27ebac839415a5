import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../src/main/app/cli-options';
import { connectionFromFlags } from '../../../src/main/app/connection-flags';
import { defaultDataDir } from '../../../src/main/app/data-dir';

describe('parseCliOptions', () => {
  it('defaults to the stored connection (none given), any free port and the shared data folder', () => {
    expect(parseCliOptions([])).toEqual({ dataDir: defaultDataDir(), port: 0, connection: undefined, printReady: false });
  });

  it('builds external-cluster settings with TLS files and an API key source, never the key itself', () => {
    const options = parseCliOptions([
      '--temporal-address', 'temporal.example.com:7233',
      '--namespace', 'builds',
      '--tls-ca', 'ca.pem', '--tls-cert', 'client.pem', '--tls-key', 'client.key',
      '--api-key-env', 'TEMPORAL_API_KEY',
    ]);
    expect(options.connection).toEqual({
      mode: 'external',
      address: 'temporal.example.com:7233',
      namespace: 'builds',
      tls: { caPath: 'ca.pem', certPath: 'client.pem', keyPath: 'client.key' },
      apiKey: { env: 'TEMPORAL_API_KEY' },
    });
  });

  it('names the bad flag or field', () => {
    expect(() => parseCliOptions(['--port', 'eighty'])).toThrow('--port must be a port number, got "eighty"');
    expect(() => parseCliOptions(['--temporal-address', 'no-port'])).toThrow(/^Invalid connection flags: --temporal-address: /);
    expect(() => parseCliOptions(['--temporal-address', 'h:7233', '--tls-cert', 'c.pem'])).toThrow(/--tls-key \(mTLS needs --tls-cert and --tls-key\): mTLS needs both/);
    expect(() => parseCliOptions(['--api-key-env', 'K'])).toThrow('add --temporal-address');
    expect(() => parseCliOptions(['--bogus'])).toThrow(/bogus/);
    expect(() =>
      parseCliOptions(['--temporal-address', 'h:7233', '--api-key-file', 'k', '--api-key-env', 'K']),
    ).toThrow('--api-key-file or --api-key-env, not both');
  });
});

describe('connectionFromFlags', () => {
  it('takes the API key from $TEMPORAL_API_KEY (by reference) only for a named cluster', () => {
    const env = { TEMPORAL_API_KEY: 'secret' };
    expect(connectionFromFlags({ 'temporal-address': 'h:7233' }, env)).toEqual({
      mode: 'external',
      address: 'h:7233',
      namespace: 'default',
      apiKey: { env: 'TEMPORAL_API_KEY' },
    });
    expect(connectionFromFlags({ 'temporal-address': 'h:7233', 'api-key-file': 'key.txt' }, env)).toMatchObject({
      apiKey: { file: 'key.txt' },
    });
    expect(connectionFromFlags({}, env)).toBeUndefined();
    expect(connectionFromFlags({ namespace: 'ns' }, env)).toEqual({ mode: 'embedded', namespace: 'ns' });
    expect(connectionFromFlags({ 'temporal-address': 'h:7233', tls: true }, {})).toEqual({
      mode: 'external',
      address: 'h:7233',
      namespace: 'default',
      tls: {},
    });
  });
});

describe('defaultDataDir', () => {
  it("matches Electron's userData folder for the app on each platform", () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/workflow-builder');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.workflow-builder$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/workflow-builder$/);
  });
});
