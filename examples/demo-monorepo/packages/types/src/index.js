// @acme/types: Domain types shared by every service.
export const name = '@acme/types';
export const dependsOn = [];
