// @acme/logger: Structured logging.
export const name = '@acme/logger';
export const dependsOn = ['@acme/types', '@acme/utils'];
