// @acme/crypto: Hashing, tokens and key management.
export const name = '@acme/crypto';
export const dependsOn = ['@acme/utils'];
