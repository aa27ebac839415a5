// @acme/ui-kit: React component library.
export const name = '@acme/ui-kit';
export const dependsOn = ['@acme/types', '@acme/utils'];
