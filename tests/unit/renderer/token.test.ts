import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY, type TokenEnv } from '../../../src/renderer/src/api/token';

function env(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const e: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { e, storage, replaced };
}

describe('takeToken', () => {
  it('takes the token from #token=…, stores it and removes it from the address bar', () => {
    const { e, storage, replaced } = env('#token=s3cr3t-Token_0123');
    expect(takeToken(e)).toBe('s3cr3t-Token_0123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cr3t-Token_0123');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters', () => {
    const { e, replaced } = env('#token=abcdefgh12345678&view=runs');
    expect(takeToken(e)).toBe('abcdefgh12345678');
    expect(replaced).toEqual(['/#view=runs']);
  });

  it('falls back to the token stored by an earlier load (reload)', () => {
    const { e, replaced } = env('', { [TOKEN_STORAGE_KEY]: 'abcdefgh12345678' });
    expect(takeToken(e)).toBe('abcdefgh12345678');
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the URL over a stored one', () => {
    const { e, storage } = env('#token=newtoken12345678', { [TOKEN_STORAGE_KEY]: 'oldtoken12345678' });
    expect(takeToken(e)).toBe('newtoken12345678');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('newtoken12345678');
  });

  it('refuses tokens that cannot travel as a WebSocket subprotocol', () => {
    expect(takeToken(env('#token=has%20space%20inside').e)).toBeNull();
    expect(takeToken(env('#token=short').e)).toBeNull();
    expect(takeToken(env('', { [TOKEN_STORAGE_KEY]: 'bad token value!' }).e)).toBeNull();
  });

  it('returns null when there is no token anywhere, and survives missing storage', () => {
    expect(takeToken(env('').e)).toBeNull();
    expect(
      takeToken({
        location: { hash: '#token=abcdefgh12345678', pathname: '/', search: '' },
        history: null,
        storage: null,
      }),
    ).toBe('abcdefgh12345678');
  });
});
