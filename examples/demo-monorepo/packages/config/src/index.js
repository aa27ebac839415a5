// @acme/config: Typed configuration from the environment.
export const name = '@acme/config';
export const dependsOn = ['@acme/types', '@acme/utils'];
