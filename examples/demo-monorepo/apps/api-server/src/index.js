// @acme/api-server: The public HTTP API.
export const name = '@acme/api-server';
export const dependsOn = [
  '@acme/auth',
  '@acme/billing',
  '@acme/config',
  '@acme/db',
  '@acme/logger',
  '@acme/notifications',
  '@acme/search',
];
