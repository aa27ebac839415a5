// @acme/worker: Background jobs: invoices, e-mails, reindexing.
export const name = '@acme/worker';
export const dependsOn = [
  '@acme/billing',
  '@acme/config',
  '@acme/db',
  '@acme/events',
  '@acme/logger',
  '@acme/notifications',
];
