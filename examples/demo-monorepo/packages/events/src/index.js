// @acme/events: Domain events and the outbox.
export const name = '@acme/events';
export const dependsOn = ['@acme/logger', '@acme/types', '@acme/utils'];
