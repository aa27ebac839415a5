// @acme/search: Full-text search indexing.
export const name = '@acme/search';
export const dependsOn = ['@acme/cache', '@acme/db', '@acme/logger', '@acme/utils'];
