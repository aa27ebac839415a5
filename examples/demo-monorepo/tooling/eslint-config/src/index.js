// @acme/eslint-config: Shared lint rules.
export const name = '@acme/eslint-config';
export const dependsOn = [];
