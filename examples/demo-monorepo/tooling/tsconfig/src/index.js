// @acme/tsconfig: Shared TypeScript compiler settings.
export const name = '@acme/tsconfig';
export const dependsOn = [];
