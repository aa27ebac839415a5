// @acme/utils: Small helpers: retry, dates, ids.
export const name = '@acme/utils';
export const dependsOn = ['@acme/types'];
