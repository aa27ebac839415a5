// @acme/cache: Redis-backed cache.
export const name = '@acme/cache';
export const dependsOn = ['@acme/config', '@acme/crypto', '@acme/logger', '@acme/utils'];
