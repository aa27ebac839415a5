// @acme/auth: Sessions, permissions and OAuth.
export const name = '@acme/auth';
export const dependsOn = [
  '@acme/cache',
  '@acme/config',
  '@acme/crypto',
  '@acme/db',
  '@acme/logger',
  '@acme/types',
];
