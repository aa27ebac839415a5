// @acme/web-app: The customer-facing web app.
export const name = '@acme/web-app';
export const dependsOn = ['@acme/auth', '@acme/http-client', '@acme/types', '@acme/ui-kit', '@acme/utils'];
