// @acme/db: Database access and migrations.
export const name = '@acme/db';
export const dependsOn = ['@acme/config', '@acme/logger', '@acme/types', '@acme/utils'];
